// The excerpt lives in contracts/schema/excerpt.ts, where the docs templates can use it too.
export { type BreakingSpot, breakingSpot } from "../../contracts/schema/excerpt.js";
