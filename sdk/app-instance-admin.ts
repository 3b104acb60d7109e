import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface AppInstanceAdminArgs {
    /** Replaces the admin when changed. */
    appInstanceArn: pulumi.Input<string>;
    /**
     * The ARN of a user (or bot) of that app instance to promote. Replaces the admin when changed; a replacement
     * demotes the old admin before it promotes the new one.
     */
    appInstanceAdminArn: pulumi.Input<string>;
}

/**
 * Makes a user an AppInstanceAdmin: it may then do everything on every channel of the app instance, so it is
 * the natural `chimeBearer` of the stack's channel resources. Deleting the resource demotes the user; it does
 * not delete it.
 */
export class AppInstanceAdmin extends ChimeResource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly appInstanceAdminArn: pulumi.Output<string>;
    /** The admin's name, as its user (or bot) had it when last read. */
    declare readonly adminName: pulumi.Output<string | undefined>;
    /** ISO 8601 timestamp. */
    declare readonly createdTimestamp: pulumi.Output<string>;

    constructor(name: string, args: AppInstanceAdminArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { adminName: undefined, createdTimestamp: undefined };
        super("AppInstanceAdmin", name, { ...args, ...outputs }, opts);
    }
}
