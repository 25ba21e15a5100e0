// Each unit's contacts, kept with the plan's unit directory: the admin edits them, the office reads them to see
// whom a 催报 reaches.
import { Hono } from "hono";
import { ContactsPut, type ContactsReply } from "../../core/oversight/schema";
import { unitResolver } from "../../core/plan/unit-directory";
import type { AppEnv } from "../app-env";
import { notFound } from "../errors";
import type { OversightStore } from "../storage/oversight-store";
import type { Repository } from "../storage/repository";
import { contactsOf } from "../oversight/overview";
import { requirePlan, requireRole } from "./access";
import { readBody } from "./body";

export function contactRoutes(repository: Repository, store: OversightStore) {
  const app = new Hono<AppEnv>();

  // Every unit of the directory, with or without contacts, so the admin sees whom nobody can reach.
  app.get("/:planId/contacts", async (c) => {
    requireRole(c.get("principal"), "office", "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const people = contactsOf(await store.contacts(plan.id));
    return c.json({ planId: plan.id, units: plan.units.map((u) => ({ unit: u.name, people: people(u.name) })) } satisfies ContactsReply);
  });

  app.put("/:planId/contacts/:unit", async (c) => {
    requireRole(c.get("principal"), "admin");
    const plan = await requirePlan(repository, c.req.param("planId"));
    const unit = unitResolver(plan)(c.req.param("unit"));
    if (!unit) throw notFound(`方案「${plan.title}」中的单位「${c.req.param("unit")}」`);
    const { people } = await readBody(c, ContactsPut);
    await store.saveContacts(plan.id, unit, people);
    return c.json({ unit, people });
  });

  return app;
}
