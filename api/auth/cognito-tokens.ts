// On AWS: Cognito ID tokens, checked by the HTTP API's authorizer and again here, so the app never trusts a
// request that reached it some other way. The role is the user's group, the unit a custom attribute.
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { TokenClaims } from "../../core/api/contract";
import { Principal, type TokenVerifier } from "./principal";

export function cognitoVerifier(userPoolId: string, clientId: string): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: "id" });
  return {
    async verify(token) {
      const payload = await verifier.verify(token);
      // aws-jwt-verify checks exp only when it is there; a token good forever is refused here (Cognito always sets it).
      if (typeof payload.exp !== "number") throw new Error("token without exp");
      return Principal.parse({ ...TokenClaims.parse(payload), sub: payload.sub });
    },
  };
}
