export function Logo() {
  return (
    <span className="flex items-center gap-2 text-[15px] font-semibold tracking-tight text-slate-900">
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <path d="M16 6 25 26h-4.2l-1.8-4.4h-6L11.2 26H7L16 6Zm0 8.2-2.2 5.6h4.4L16 14.2Z" fill="#fff" />
      </svg>
      Astron Agent
    </span>
  );
}
