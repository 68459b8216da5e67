/**
 * Project explanations (`…项目经费情况说明`), shared by the budget disclosure and the
 * performance declaration readers. OWNER: performance reader (in progress).
 */
import type { DiagnosticSink, ProjectExplanation } from '#domain/index.ts';
import type { SourceLine } from './text.ts';

/** Read every project explanation in `lines` (the projects section of a budget disclosure). */
export const readProjectExplanations = (_lines: readonly SourceLine[], _sink: DiagnosticSink): ProjectExplanation[] => [];
