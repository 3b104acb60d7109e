import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";
import { arnFromId } from "./arn-output";

export interface AppInstanceUserExpirationSettings {
    /** 1-5475 */
    expirationDays: number;
    expirationCriterion: "CREATED_TIMESTAMP";
}

export interface AppInstanceUserArgs {
    /** Replaces the user when changed. */
    appInstanceArn: pulumi.Input<string>;
    /** The user's id in its ARN (`<appInstanceArn>/user/<id>`). Replaces the user when changed. */
    appInstanceUserId: pulumi.Input<string>;
    /** Changed in place. */
    name: pulumi.Input<string>;
    /** Changed in place; up to 1 KB. */
    metadata?: pulumi.Input<string>;
    /** Changed in place; removing them means the user no longer expires. */
    expirationSettings?: pulumi.Input<pulumi.Inputs & AppInstanceUserExpirationSettings>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A user of an app instance: the identity channel members, moderators and bearers are. */
export class AppInstanceUser extends ChimeResource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly appInstanceUserId: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly metadata: pulumi.Output<string | undefined>;
    declare readonly expirationSettings: pulumi.Output<AppInstanceUserExpirationSettings | undefined>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    /** The user ARN (also the resource id). */
    declare readonly arn: pulumi.Output<string>;
    /** ISO 8601 timestamps. */
    declare readonly createdTimestamp: pulumi.Output<string>;
    declare readonly lastUpdatedTimestamp: pulumi.Output<string>;

    constructor(name: string, args: AppInstanceUserArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { createdTimestamp: undefined, lastUpdatedTimestamp: undefined };
        super("AppInstanceUser", name, { ...args, ...outputs }, opts);
        this.arn = arnFromId(this);
    }
}
