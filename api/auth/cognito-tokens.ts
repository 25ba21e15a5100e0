// On AWS: Cognito ID tokens, checked by the HTTP API's authorizer and again here, so the app never trusts a
// request that reached it some other way. The role is the user's group, the unit a custom attribute.
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { Principal, type TokenVerifier } from "./principal";

const ROLE_ORDER = ["admin", "office", "clerk"] as const;

export function cognitoVerifier(userPoolId: string, clientId: string): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: "id" });
  return {
    async verify(token) {
      const payload = await verifier.verify(token);
      const groups = (payload["cognito:groups"] as string[] | undefined) ?? [];
      const role = ROLE_ORDER.find((r) => groups.includes(r));
      return Principal.parse({ sub: payload.sub, role, unit: payload["custom:unit"] });
    },
  };
}
