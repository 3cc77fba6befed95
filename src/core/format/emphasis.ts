/**
 * Pairs delimiter runs into styles, CommonMark "process emphasis" style, one run at a time
 * as the tokenizer finds them (left to right, which is the order CommonMark visits closers).
 *
 * Linear time: openers live on a stack. When a closer finds its opener, everything above the
 * opener is popped for good (those markers stay literal), so each entry is passed over by a
 * successful search at most once. When a search fails, `bottom[bucket]` records the stack
 * height so no later closer of the same bucket looks below it again; whether an opener can
 * pair with a closer depends only on the opener's fixed properties and the closer's bucket
 * (kind, can-open, length mod 3), so that bound stays valid. Popping clamps the bounds to the
 * new height, otherwise openers pushed later would be skipped.
 *
 * Storage is typed arrays: a megabyte of input can hold a million runs, and per-run objects
 * or growing JS arrays cost more in allocation and GC than the matching itself.
 */

import * as chars from './chars';

// Local copies: per-file transpilers (tsx, used by tests and benches) turn each use of an
// imported binding into a getter call, which costs more than the work on these hot paths.
const { CAN_OPEN, CAN_CLOSE } = chars;

/** Run kinds are the marker's char code; a line break is its own kind. */
export const STAR = 0x2a;
export const UNDERSCORE = 0x5f;
export const TILDE = 0x7e;
export const BREAK = 0x0a;

/** `marks[i]` describes the consumed marker starting at offset i: 0 (none) or these bits. */
const MARK = 0x10;
export const MARK_OPENS = 0x08;
export const MARK_DOUBLE = 0x04;
export const MARK_STYLE_BITS = 0x03;
export const BOLD = 0;
export const ITALIC = 1;
export const STRIKE = 2;
export const UNDERLINE = 3;

// Per run: offsets, the unconsumed part [lo, hi) (closers consume from the left, openers from
// the right, which keeps the consumed markers properly nested), and kind plus flags.
const START = 0;
const END = 1;
const LO = 2;
const HI = 3;
const META = 4;
const STRIDE = 5;

const BUCKETS = 6 * 3;

// Reused between calls (the engine is synchronous and nothing reenters it), so a preview
// re-rendered on every keystroke allocates nothing here; huge inputs get throwaway buffers.
const SCRATCH_LIMIT = 1 << 14;
let scratch: EmphasisMatcher | undefined;

export class EmphasisMatcher {
  /** Runs in input order: line breaks and delimiter runs that can open or close. */
  runs: Int32Array;
  runCount = 0;
  /** Indexed by text offset; only [0, text length) is meaningful, and only once `paired`. */
  marks: Uint8Array = new Uint8Array(0);
  /** Whether any markers were consumed; until then `marks` is neither sized nor cleared. */
  paired = false;
  private textLength = 0;

  private stack: Int32Array = new Int32Array(64);
  private height = 0;
  private readonly bottom = new Int32Array(BUCKETS);

  private constructor(runCapacity: number) {
    this.runs = new Int32Array(STRIDE * runCapacity);
  }

  static scratch(textLength: number): EmphasisMatcher {
    // Prose has a run every dozen characters or so; starting near that skips most regrowth.
    if (textLength > SCRATCH_LIMIT) return new EmphasisMatcher(textLength >> 3).reset(textLength);
    scratch ??= new EmphasisMatcher(64);
    return scratch.reset(textLength);
  }

  private reset(textLength: number): this {
    this.runCount = 0;
    this.height = 0;
    this.bottom.fill(0);
    this.paired = false;
    this.textLength = textLength;
    return this;
  }

  // Text that styles nothing (most of a long paste, a run of 100k `*`) never pays for marks.
  private prepareMarks(): void {
    if (this.marks.length < this.textLength) this.marks = new Uint8Array(Math.max(this.textLength, 256));
    else this.marks.fill(0, 0, this.textLength);
    this.paired = true;
  }

  runStart(run: number): number {
    return this.runs[run * STRIDE + START];
  }

  runEnd(run: number): number {
    return this.runs[run * STRIDE + END];
  }

  runKind(run: number): number {
    return this.runs[run * STRIDE + META] >> 2;
  }

  /** A line break: markers never pair across one, so every pending opener stays literal. */
  addBreak(start: number, end: number): void {
    this.push(BREAK, start, end, 0);
    this.height = 0;
    this.bottom.fill(0);
  }

  addRun(kind: number, start: number, end: number, flags: number): void {
    const at = this.push(kind, start, end, flags);
    if ((flags & CAN_CLOSE) !== 0) this.close(at, kind, end - start, (flags & CAN_OPEN) !== 0);
    if ((flags & CAN_OPEN) !== 0 && this.runs[at + LO] < this.runs[at + HI]) {
      if (this.height === this.stack.length) this.stack = grow(this.stack);
      this.stack[this.height++] = at;
    }
  }

  /** Returns the run's offset into `runs`. */
  private push(kind: number, start: number, end: number, flags: number): number {
    if ((this.runCount + 1) * STRIDE > this.runs.length) this.runs = grow(this.runs);
    const at = this.runCount++ * STRIDE;
    const runs = this.runs;
    runs[at + START] = start;
    runs[at + END] = end;
    runs[at + LO] = start;
    runs[at + HI] = end;
    runs[at + META] = (kind << 2) | flags;
    return at;
  }

  private close(closer: number, kind: number, length: number, closerCanOpen: boolean): void {
    const { runs, stack, bottom } = this;
    const bucket = (kind === STAR ? 0 : kind === UNDERSCORE ? 6 : 12) + (closerCanOpen ? 3 : 0) + (length % 3);
    while (runs[closer + LO] < runs[closer + HI]) {
      const floor = bottom[bucket];
      let j = this.height - 1;
      while (j >= floor && !canPair(runs, stack[j], kind, length, closerCanOpen)) j--;
      if (j < floor) {
        bottom[bucket] = this.height;
        return;
      }
      if (!this.paired) this.prepareMarks();
      const marks = this.marks;
      const opener = stack[j];
      const double = runs[opener + HI] - runs[opener + LO] >= 2 && runs[closer + HI] - runs[closer + LO] >= 2;
      const style = kind === TILDE ? STRIKE : !double ? ITALIC : kind === STAR ? BOLD : UNDERLINE;
      const use = double ? 2 : 1;
      const mark = MARK | (double ? MARK_DOUBLE : 0) | style;
      runs[opener + HI] -= use;
      marks[runs[opener + HI]] = mark | MARK_OPENS;
      marks[runs[closer + LO]] = mark;
      runs[closer + LO] += use;
      this.height = runs[opener + HI] > runs[opener + LO] ? j + 1 : j;
      for (let b = 0; b < BUCKETS; b++) if (bottom[b] > this.height) bottom[b] = this.height;
    }
  }
}

function canPair(runs: Int32Array, opener: number, kind: number, closerLength: number, closerCanOpen: boolean): boolean {
  const meta = runs[opener + META];
  if (meta >> 2 !== kind) return false;
  // CommonMark's rule of 3: in `*a**b*` the `**` must not pair with a single `*`.
  const openerLength = runs[opener + END] - runs[opener + START];
  const eitherIsBoth = closerCanOpen || (meta & CAN_CLOSE) !== 0;
  return !(eitherIsBoth && closerLength % 3 !== 0 && (openerLength + closerLength) % 3 === 0);
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
