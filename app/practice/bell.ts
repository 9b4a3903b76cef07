// A soft bell made in the browser with Web Audio (no audio file fetched from anywhere): a sine
// at 432 Hz with two quieter partials, fading over four seconds. Browsers start audio only after
// a person's gesture, so the context is made (or resumed) from a click.
let context: AudioContext | null = null;

/** Call from a click or key press: afterwards the bell may ring by itself. */
export async function allowSound(): Promise<boolean> {
  if (typeof window === "undefined" || !("AudioContext" in window)) return false;
  context ??= new AudioContext();
  if (context.state === "suspended") await context.resume().catch(() => {});
  return context.state === "running";
}

export function soundAllowed(): boolean {
  return context?.state === "running";
}

export function ringBell(volume = 0.25): void {
  if (!context || context.state !== "running") return;
  const now = context.currentTime;
  for (const [ratio, gain] of [
    [1, 1],
    [2.76, 0.35],
    [5.4, 0.12],
  ] as const) {
    const oscillator = context.createOscillator();
    const envelope = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = 432 * ratio;
    envelope.gain.setValueAtTime(0.0001, now);
    envelope.gain.exponentialRampToValueAtTime(volume * gain, now + 0.02);
    envelope.gain.exponentialRampToValueAtTime(0.0001, now + 4 / ratio ** 0.3);
    oscillator.connect(envelope).connect(context.destination);
    oscillator.start(now);
    oscillator.stop(now + 4.2);
  }
}
