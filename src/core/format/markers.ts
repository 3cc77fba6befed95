import { emit, type FormatSink } from './events';
import type { ConsumedMarker, FormatTree, Style } from './tree';

class MarkerSink implements FormatSink {
  readonly markers: ConsumedMarker[] = [];

  text(): void {}

  lineBreak(): void {}

  open(style: Style, marker: string, start: number): void {
    this.markers.push({ marker, start, end: start + marker.length, style });
  }

  close(style: Style, marker: string, start: number): void {
    this.open(style, marker, start);
  }
}

/**
 * The markers the recipient's Messages app would swallow, in input order, so sending code can
 * warn before `**kwargs**` or `*ptr * 2*` is mangled. Empty when the text reads as typed.
 */
export function consumedMarkers(input: string | FormatTree): ConsumedMarker[] {
  const sink = new MarkerSink();
  emit(input, sink);
  return sink.markers;
}
