import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";
import { arnFromId } from "./arn-output";

export interface AppInstanceArgs {
    /** Changed in place. */
    name: pulumi.Input<string>;
    /** Changed in place; up to 1 KB. */
    metadata?: pulumi.Input<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Deleting an app instance deletes everything in it. By default the delete fails, naming them, when the
     * instance still holds users, bots or channel flows that the stack does not manage; `true` deletes it anyway.
     * Changing it calls nothing.
     */
    forceDestroy?: pulumi.Input<boolean>;
}

/** An Amazon Chime SDK AppInstance: the container of users, bots, channels and channel flows. */
export class AppInstance extends ChimeResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly metadata: pulumi.Output<string | undefined>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    declare readonly forceDestroy: pulumi.Output<boolean>;
    /** The app instance ARN (also the resource id). */
    declare readonly arn: pulumi.Output<string>;
    /** ISO 8601 timestamps. */
    declare readonly createdTimestamp: pulumi.Output<string>;
    declare readonly lastUpdatedTimestamp: pulumi.Output<string>;

    constructor(name: string, args: AppInstanceArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { createdTimestamp: undefined, lastUpdatedTimestamp: undefined };
        super("AppInstance", name, { ...args, ...outputs }, opts);
        this.arn = arnFromId(this);
    }
}
