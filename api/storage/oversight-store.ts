// What the office's oversight keeps besides the ledgers: contacts, every review, the 考核 weights and daily scores,
// every reminder sent, and the office's channels. DynamoOversightStore (beside this file) is the implementation.
import type { ChannelSettings, Contact, Delivery, ReviewEvent, ScoreSnapshot, ScoreWeights, UnitContacts } from "../../core/oversight/schema";

export interface OversightStore {
  contacts(planId: string): Promise<UnitContacts[]>;
  /** No people removes the unit's contacts. */
  saveContacts(planId: string, unit: string, people: Contact[]): Promise<void>;

  logReview(planId: string, event: ReviewEvent): Promise<void>;
  /** Every review of the plan (or of one unit), oldest first per unit. */
  reviews(planId: string, unit?: string): Promise<ReviewEvent[]>;

  weights(planId: string): Promise<ScoreWeights | undefined>;
  saveWeights(planId: string, weights: ScoreWeights, by: string, at: string): Promise<void>;
  /** One snapshot a day: a later one the same day replaces it. */
  saveSnapshot(planId: string, snapshot: ScoreSnapshot): Promise<void>;
  /** The latest days' snapshots, oldest first. */
  snapshots(planId: string): Promise<ScoreSnapshot[]>;

  /** Stores a delivery under a new id that sorts by time. */
  recordDelivery(delivery: Omit<Delivery, "id">): Promise<Delivery>;
  /** The latest deliveries, newest first. */
  deliveries(planId: string): Promise<Delivery[]>;
  delivery(planId: string, id: string): Promise<Delivery | undefined>;

  settings(): Promise<ChannelSettings>;
  saveSettings(settings: ChannelSettings, by: string, at: string): Promise<void>;
}
