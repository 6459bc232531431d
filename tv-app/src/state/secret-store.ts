// The one place a PIN waits between screens: entered on the PIN screen, sent again with the signature
// password when a first-time card is registered. Forgotten on success, on Home, on idle, when the card leaves.
// Never logged, never stored anywhere else, never shown.

let pendingPin: string | undefined;

export const secrets = {
  holdPin(pin: string): void {
    pendingPin = pin;
  },
  pin(): string | undefined {
    return pendingPin;
  },
  forget(): void {
    pendingPin = undefined;
  },
};
