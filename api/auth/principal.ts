import { z } from "zod";
import { Role } from "../../core/api/contract";

/** Who is calling, as the token says: a clerk of one unit, the central office, or an admin. */
export const Principal = z.object({
  sub: z.string().min(1),
  role: Role,
  unit: z.string().min(1).optional(),
  /** The person's name (张三), shown with the unit wherever the record says who did something. */
  name: z.string().min(1).optional(),
});
export type Principal = z.infer<typeof Principal>;

/** Checks a bearer token and says who it is; throws when the token is not good. The routes never know which. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}
