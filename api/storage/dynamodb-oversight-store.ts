// The OversightStore on DynamoDB: the office's oversight records in the same table as the ledgers, beside them
// (every read a Query or a Get):
//
//   pk                      sk                                 what
//   OVERSIGHT#<planId>      CONTACT#<unit>                     a unit's contacts (name, mobile, e-mail)
//   OVERSIGHT#<planId>      REVIEW#<unit>#<at>#<rowKey>        every 通过 / 退回, kept (退回次数, 待办)
//   OVERSIGHT#<planId>      WEIGHTS                            the office's 考核 weights
//   OVERSIGHT#<planId>      SCORES#<date>                      a day's scores (the ranking's history)
//   OVERSIGHT#<planId>      SEND#<id>                          every reminder sent or failed, with the answer
//                                                              (the id leads with the time, so newest first is a Query)
//   SETTINGS                NOTIFY                             the office's channels and daily digest
//
// A plan's oversight shares one partition, so the ranking, the reminders and the 催报 record are each one Query.
import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, paginateQuery, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  ChannelSettings, Contact, Delivery, ReviewEvent, ScoreSnapshot, ScoreWeights, type UnitContacts,
} from "../../core/oversight/schema";
import type { OversightStore } from "./oversight-store";

const partition = (planId: string) => `OVERSIGHT#${planId}`;
/** The record page the pane shows; older ones stay stored. */
const DELIVERIES_SHOWN = 200;
/** Days of scores kept in the history reply (a year of working days, and then some). */
const HISTORY_DAYS = 400;

export class DynamoOversightStore implements OversightStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly table: string,
  ) {}

  // -------------------------------------------------------------------------------------- contacts

  async contacts(planId: string): Promise<UnitContacts[]> {
    const items = await this.queryAll({ KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)", ExpressionAttributeValues: { ":pk": partition(planId), ":p": "CONTACT#" } });
    return items.map((i) => ({ unit: i.unit, people: Contact.array().parse(JSON.parse(i.body)) }));
  }

  async saveContacts(planId: string, unit: string, people: Contact[]): Promise<void> {
    const Key = { pk: partition(planId), sk: `CONTACT#${unit}` };
    if (people.length === 0) await this.db.send(new DeleteCommand({ TableName: this.table, Key }));
    else await this.db.send(new PutCommand({ TableName: this.table, Item: { ...Key, unit, body: JSON.stringify(people) } }));
  }

  // --------------------------------------------------------------------------------------- reviews

  async logReview(planId: string, event: ReviewEvent): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { pk: partition(planId), sk: `REVIEW#${event.unit}#${event.at}#${event.rowKey}`, body: JSON.stringify(event) } }),
    );
  }

  /** Every review of the plan (or of one unit), oldest first per unit. */
  async reviews(planId: string, unit?: string): Promise<ReviewEvent[]> {
    const prefix = unit === undefined ? "REVIEW#" : `REVIEW#${unit}#`;
    const items = await this.queryAll({ KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)", ExpressionAttributeValues: { ":pk": partition(planId), ":p": prefix } });
    return items.map((i) => ReviewEvent.parse(JSON.parse(i.body)));
  }

  // ---------------------------------------------------------------------------------------- scores

  async weights(planId: string): Promise<ScoreWeights | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: partition(planId), sk: "WEIGHTS" } }))).Item;
    return item ? ScoreWeights.parse(JSON.parse(item.body)) : undefined;
  }

  async saveWeights(planId: string, weights: ScoreWeights, by: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: partition(planId), sk: "WEIGHTS", body: JSON.stringify(weights), by, at } }));
  }

  /** One snapshot a day: a later one the same day replaces it. */
  async saveSnapshot(planId: string, snapshot: ScoreSnapshot): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: partition(planId), sk: `SCORES#${snapshot.date}`, body: JSON.stringify(snapshot) } }));
  }

  /** The latest days' snapshots, oldest first. */
  async snapshots(planId: string): Promise<ScoreSnapshot[]> {
    const reply = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)",
        ExpressionAttributeValues: { ":pk": partition(planId), ":p": "SCORES#" },
        ScanIndexForward: false,
        Limit: HISTORY_DAYS,
      }),
    );
    return (reply.Items ?? []).map((i) => ScoreSnapshot.parse(JSON.parse(i.body))).reverse();
  }

  // ------------------------------------------------------------------------------------ deliveries

  async recordDelivery(delivery: Omit<Delivery, "id">): Promise<Delivery> {
    const id = `${delivery.at.replace(/[^0-9]/g, "")}-${randomUUID().slice(0, 8)}`;
    const stored = Delivery.parse({ ...delivery, id });
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: partition(delivery.planId), sk: `SEND#${id}`, body: JSON.stringify(stored) } }));
    return stored;
  }

  /** The latest deliveries, newest first. */
  async deliveries(planId: string): Promise<Delivery[]> {
    const reply = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)",
        ExpressionAttributeValues: { ":pk": partition(planId), ":p": "SEND#" },
        ScanIndexForward: false,
        Limit: DELIVERIES_SHOWN,
      }),
    );
    return (reply.Items ?? []).map((i) => Delivery.parse(JSON.parse(i.body)));
  }

  async delivery(planId: string, id: string): Promise<Delivery | undefined> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: partition(planId), sk: `SEND#${id}` } }))).Item;
    return item ? Delivery.parse(JSON.parse(item.body)) : undefined;
  }

  // -------------------------------------------------------------------------------------- settings

  async settings(): Promise<ChannelSettings> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: "SETTINGS", sk: "NOTIFY" }, ConsistentRead: true }))).Item;
    return item ? ChannelSettings.parse(JSON.parse(item.body)) : {};
  }

  async saveSettings(settings: ChannelSettings, by: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: "SETTINGS", sk: "NOTIFY", body: JSON.stringify(ChannelSettings.parse(settings)), by, at } }));
  }

  private async queryAll(input: Omit<QueryCommandInput, "TableName">): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    for await (const page of paginateQuery({ client: this.db }, { TableName: this.table, ...input })) items.push(...(page.Items ?? []));
    return items;
  }
}
