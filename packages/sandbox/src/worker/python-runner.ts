/**
 * Python run inside each fresh interpreter before any user code. It cuts the JavaScript bridge out
 * of the import system, records the interpreter's clean module state, and defines `sandbox_run`,
 * which runs one user program and returns a JSON envelope (it never raises for user errors).
 */
export const PYTHON_RUNNER = String.raw`
import builtins as _builtins
import gc as _gc
import importlib.machinery as _machinery
import inspect as _inspect
import json as _json
import linecache as _linecache
import os as _os
import posix as _posix
import sys as _sys
import traceback as _traceback

_FILENAME = 'code.py'
# The JavaScript bridge (js, pyodide_js and the modules built on them) and raw memory access.
_BLOCKED = frozenset({'js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'micropip', 'ctypes', '_ctypes'})
_MISSING = object()


class SandboxImportBlocker:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.partition('.')[0] in _BLOCKED:
            raise ModuleNotFoundError(f"module '{name}' is not available in the sandbox", name=name)
        return None


def _cut_bridge():
    standard = (_machinery.BuiltinImporter, _machinery.FrozenImporter, _machinery.PathFinder)
    for finder in _sys.meta_path:
        # Pyodide's JsFinder keeps the JavaScript modules (js, pyodide_js) it can import; forget them,
        # so that a finder dug out of the heap imports nothing.
        registry = getattr(finder, 'jsproxies', None)
        if isinstance(registry, dict):
            registry.clear()
    for name in list(_sys.modules):
        if name.partition('.')[0] in _BLOCKED:
            del _sys.modules[name]
    _sys.meta_path[:] = [SandboxImportBlocker] + [finder for finder in _sys.meta_path if finder in standard]
    _sys.path_importer_cache.clear()
    _gc.collect()


def _no_commands(*args, **kwargs):
    raise OSError(38, 'running commands is not available in the sandbox')


_cut_bridge()
# Emscripten would hand os.system to Node's child_process, which the permission model refuses by
# ending the interpreter; a Python error says the same thing more usefully.
_os.system = _posix.system = _no_commands
_baseline_modules = {name: (module, dict(vars(module))) for name, module in list(_sys.modules.items()) if hasattr(module, '__dict__')}
_baseline_meta_path = list(_sys.meta_path)
_baseline_path = list(_sys.path)
_baseline_recursion_limit = _sys.getrecursionlimit()


def _restore():
    """Puts back the module state of a clean interpreter: a run's imports, patches and stashes go."""
    for name in list(_sys.modules):
        if name not in _baseline_modules:
            del _sys.modules[name]
    for name, (module, saved) in _baseline_modules.items():
        _sys.modules[name] = module
        current = vars(module)
        for key in [key for key in current if key not in saved]:
            del current[key]
        for key, value in saved.items():
            if current.get(key, _MISSING) is not value:
                current[key] = value
    _sys.meta_path[:] = _baseline_meta_path
    _sys.path[:] = _baseline_path
    _sys.path_importer_cache.clear()
    _sys.setrecursionlimit(_baseline_recursion_limit)
    _linecache.cache.pop(_FILENAME, None)


def _cap(text, limit):
    # The host copies every message; a multi-megabyte exception text must not reach it whole.
    return text if len(text) <= limit else text[:limit] + ' [...]'


def _envelope(value):
    return _json.dumps(value, ensure_ascii=False)


def _failure(code, message, details=None):
    failure = {'code': code, 'message': message}
    if details is not None:
        failure['details'] = details
    return _envelope({'ok': False, 'error': failure})


def _syntax_failure(error):
    line = error.lineno
    where = f' at line {line}' if line else ''
    text = _cap((error.text or '').rstrip('\n'), 1000)
    pointer = ''
    if text and error.offset:
        pointer = '\n    ' + text.strip() + '\n    ' + ' ' * max(0, error.offset - 1 - (len(text) - len(text.lstrip()))) + '^'
    return _failure('code_syntax_error', f'{type(error).__name__}{where}: {error.msg}{pointer}', {'line': line, 'column': error.offset, 'text': text})


def _missing_module_message(error):
    name = error.name or ''
    top = name.partition('.')[0]
    if top in _BLOCKED:
        return f"module '{name}' is not available in the sandbox"
    if top in _sys.stdlib_module_names:
        return f"module '{name}' is part of the standard library but not included in this offline Python build"
    return f"No module named '{name}': Python code runs offline with the standard library only; packages from PyPI (numpy, requests, ...) are not available"


def _exception_failure(error):
    frames = [frame for frame in _traceback.extract_tb(error.__traceback__) if frame.filename == _FILENAME]
    line = frames[-1].lineno if frames else None
    kind = type(error).__name__
    if isinstance(error, ModuleNotFoundError):
        text = _missing_module_message(error)
    else:
        text = str(error)
    summary = _cap(f'{kind}: {text}' if text else kind, 4000)
    trace = _cap('Traceback (most recent call last):\n' + ''.join(_traceback.StackSummary.from_list(frames[-20:]).format()) + summary, 20000)
    message = f'{summary} (line {line})' if line else summary
    return _failure('code_exception', message, {'type': kind, 'line': line, 'traceback': trace})


def _select_args(main, args):
    """Like the original code node: main receives the variables its signature names (all of them with **kwargs)."""
    try:
        parameters = list(_inspect.signature(main).parameters.values())
    except (TypeError, ValueError):
        return args
    if any(parameter.kind is parameter.VAR_KEYWORD for parameter in parameters):
        return args
    names = {parameter.name for parameter in parameters if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)}
    return {key: value for key, value in args.items() if key in names}


def _encode_result(result, max_bytes):
    if _inspect.iscoroutine(result):
        result.close()
        return _failure('code_result_invalid', 'main must be a plain "def main(...)": async functions are not supported')
    if not isinstance(result, dict):
        return _failure('code_result_invalid', f'main must return a dict (a JSON object); it returned {type(result).__name__}')
    try:
        encoded = _json.dumps(result, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as error:
        return _failure('code_result_invalid', f'the dict returned by main cannot be converted to JSON: {error}')
    size = len(encoded.encode('utf-8'))
    if size > max_bytes:
        return _failure('code_result_invalid', f'the dict returned by main is {size} bytes of JSON; the limit is {max_bytes}')
    return _envelope({'ok': True, 'resultJson': encoded})


def sandbox_run(code, args_json, max_result_bytes):
    try:
        try:
            compiled = compile(code, _FILENAME, 'exec', dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            if isinstance(error, SyntaxError):
                return _syntax_failure(error)
            return _failure('code_syntax_error', f'the code cannot be compiled: {error}')
        _linecache.cache[_FILENAME] = (len(code), None, code.splitlines(True), _FILENAME)
        namespace = {'__name__': '__main__', '__builtins__': _builtins}
        try:
            exec(compiled, namespace)
            main = namespace.get('main')
            if not callable(main):
                return _failure('code_main_missing', 'the code must define a function "def main(...)" that returns a dict')
            result = main(**_select_args(main, _json.loads(args_json)))
            return _encode_result(result, max_result_bytes)
        except KeyboardInterrupt:
            return _failure('code_timeout', 'the code did not finish in time')
        except MemoryError:
            return _failure('code_memory_exceeded', 'the code ran out of memory')
        except BaseException as error:
            return _exception_failure(error)
    finally:
        try:
            _sys.stdout.flush()
            _sys.stderr.flush()
        finally:
            _restore()
`;
