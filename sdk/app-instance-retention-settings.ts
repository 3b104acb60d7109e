import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface ChannelRetentionSettings {
    /** 1-5475: channel messages older than this are deleted. */
    retentionDays: number;
}

export interface AppInstanceRetentionSettingsArgs {
    /** Replaces the resource when changed. */
    appInstanceArn: pulumi.Input<string>;
    /** Changed in place. */
    channelRetentionSettings: pulumi.Input<pulumi.Inputs & ChannelRetentionSettings>;
}

/**
 * The message retention of an app instance's channels (one per app instance). Deleting the resource turns
 * retention off: from then on messages are kept until someone deletes them. See docs/resources-identity.md for
 * what that means for messages already past the retention period.
 */
export class AppInstanceRetentionSettings extends ChimeResource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly channelRetentionSettings: pulumi.Output<ChannelRetentionSettings>;
    /** When the service started applying the current settings (ISO 8601). */
    declare readonly initiateDeletionTimestamp: pulumi.Output<string | undefined>;

    constructor(name: string, args: AppInstanceRetentionSettingsArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { initiateDeletionTimestamp: undefined };
        super("AppInstanceRetentionSettings", name, { ...args, ...outputs }, opts);
    }
}
