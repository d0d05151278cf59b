/** A duration as an object, e.g. `{ minutes: 5 }` or `{ hours: 1, seconds: 30 }`. */
export type HumanDuration = {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
};
