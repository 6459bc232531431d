// The alarm that comes with a disaster alert: three short rising two-tone chimes (about 2 s), made with Web
// Audio so no sound file ships. A box whose browser blocks audio until a key is pressed stays silent: the
// alert is still shown and spoken.
import { testHook } from '../test-hook.ts';

let context: AudioContext | undefined;

export function playAlarm(): void {
  const Context = window.AudioContext;
  if (!Context) return;
  try {
    context ??= new Context();
    void context.resume().catch(() => {});
    const start = context.currentTime + 0.05;
    const gain = context.createGain();
    gain.connect(context.destination);
    gain.gain.setValueAtTime(0, start);
    for (let ring = 0; ring < 3; ring++) {
      for (const [index, frequency] of [880, 1175].entries()) {
        const at = start + ring * 0.7 + index * 0.25;
        const tone = context.createOscillator();
        tone.type = 'sine';
        tone.frequency.setValueAtTime(frequency, at);
        tone.connect(gain);
        gain.gain.setValueAtTime(0.35, at);
        gain.gain.exponentialRampToValueAtTime(0.01, at + 0.24);
        tone.start(at);
        tone.stop(at + 0.25);
      }
    }
    testHook.alarm(context.state);
  } catch {
    // No audio on this box: the alert is shown and spoken all the same.
  }
}
