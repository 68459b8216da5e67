/** Test helper: a narrative context over some source text, as the reader builds it. */
import { DiagnosticSink, type SectionKind } from '#domain/index.ts';
import { toLines } from '../text.ts';
import type { NarrativeContext } from './figures.ts';
import { joinLines } from './joined.ts';

export const narrativeOf = (text: string, section: SectionKind = 'explanation'): NarrativeContext & { sink: DiagnosticSink } => ({
  joined: joinLines(toLines(text)),
  section,
  sink: new DiagnosticSink(),
});
