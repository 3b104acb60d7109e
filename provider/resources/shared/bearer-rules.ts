import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../../unknowns";
import { parentAppInstanceArn } from "./chime-arns";

/**
 * Channel calls are made as an app instance user or bot of the channel's own app instance: any other bearer is
 * refused by the service, so check says so before anything is called. Values unknown during preview pass.
 */
export function bearerOutsideAppInstance(appInstanceArn: unknown, bearer: unknown): pulumi.dynamic.CheckFailure[] {
    if (typeof appInstanceArn !== "string" || typeof bearer !== "string") return [];
    if (containsUnknown(appInstanceArn) || containsUnknown(bearer)) return [];
    const bearerInstance = parentAppInstanceArn(bearer);
    if (bearerInstance === appInstanceArn) return [];
    const reason = bearerInstance
        ? `chimeBearer must be a user or bot of the app instance ${appInstanceArn}, not of ${bearerInstance} (got ${bearer})`
        : `chimeBearer must be an app instance user or bot ARN (<app instance ARN>/user/<id> or /bot/<id>) (got ${bearer})`;
    return [{ property: "chimeBearer", reason }];
}
