/**
 * @astron/dsl — the workflow DSL shared by the workflow engine and the console: the envelope of the original
 * astron-agent, one definition per node type, validation, and import / export.
 */
export * from './types.js';
export * from './value-types.js';
export * from './ids.js';
export type { NodeCheckProblem, NodeDefinition, OutputKind, OutputTemplate, PaletteCategory } from './nodes/define.js';
export { getNodeDefinition, nodeDefinitions, nodeParamJsonSchema, nodeTypes, parseNodeParam } from './nodes/registry.js';
export { validateWorkflow } from './validate.js';
export { pinnedVersion, subflowKey, subflowReferences } from './subflows.js';
export type { SubflowReference } from './subflows.js';
export type { Problem, ProblemCode, Severity, ValidationResult } from './validate.js';
export { importAstronFlow, importDifyWorkflow, importWorkflowFile, detectWorkflowFormat, isDifyDocument, jinjaToLiquid, DslImportError } from './import.js';
export type {
  AstronImportOptions,
  DifyImportOptions,
  DifyImportResult,
  LiquidConversion,
  WorkflowFileFormat,
  WorkflowFileImport,
  ImportErrorCode,
  ImportResult,
  ImportWarning,
  ImportWarningCode,
  ModelMapper,
  OriginalModel,
} from './import.js';
export { exportWorkflow, importWorkflowExport, EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from './export.js';
export type { WorkflowExport } from './export.js';
