// What the backend pushes to one household's box for one alert, and what the bridge and the TV app show: the
// contract, defined here and imported type-only by them. Small (about 1 KB as JSON) and stable: add fields,
// never change one; `v` says the shape.
import type { AlertLevel } from '../alerts/index.ts';
import type { CompassPoint } from '../targeting/compass.ts';

export interface AlertPayloadText {
  /** 【警戒レベル4】避難指示, with 【訓練】 in front for an exercise. */
  title: string;
  /** What to do, addressed by name where the household agreed. */
  action: string;
  /**
   * Where to go and how far; or, when no place had room, what to do instead; null for a lift or a supporter.
   * Screen and speech show title, action and place in that order (not repeated as one text: size).
   */
  place: string | null;
}

export interface AlertPayloadShelter {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  /** Straight line from the household, metres. */
  distanceMetres: number;
  direction: CompassPoint;
  /** A 要配慮者 (福祉避難所-type) site. */
  welfare: boolean;
}

export interface AlertPayload {
  v: 1;
  alert: { identifier: string; sender: string; sent: string; expires: string | null };
  /**
   * The thread (an alert, its Updates and its Cancel share it): a newer message of the same thread replaces the
   * one on screen. The backend sets its stored thread id; the library's default is the alert's
   * identifier.
   */
  thread: string;
  /** Test alerts are never composed; an exercise is marked 訓練 everywhere. */
  status: 'Actual' | 'Exercise';
  /**
   * issue: an order in force; lift: it has been lifted (解除); cancel: the thread was withdrawn (取り消し: the
   * earlier message was wrong or no longer applies to this household), nothing to do, no place.
   */
  kind: 'issue' | 'lift' | 'cancel';
  level: AlertLevel | null;
  /** resident: the household is in the area; supporter: it is the 避難支援者 of a household in the area. */
  role: 'resident' | 'supporter';
  /** Someone here needs help to evacuate, or supports someone who does: reached first. */
  priority: boolean;
  shelter: AlertPayloadShelter | null;
  ja: AlertPayloadText;
  /** Present when the household asked for English. */
  en?: AlertPayloadText;
}

/** One push: the backend sends `payload` to the boxes of `householdId`. */
export interface HouseholdAlert {
  householdId: string;
  payload: AlertPayload;
}
