// The template resolver's public surface: load the packaged template, resolve it, list its Lambda functions.
export { lambdaFunctionSpecs } from './functions';
export { TemplateError, type PseudoParameters } from './intrinsics';
export { loadTemplate, packagedTemplatePath, parseTemplate, type CloudFormationTemplate, type TemplateResource } from './load';
export { resolveStack, type ExcludedResource, type ResolvedStack, type ResourceMaterializer, type StackOptions } from './resolve';
