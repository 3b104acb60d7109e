import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as sdk from "../../../sdk/nodejs";
import { ResourceTypeName, resourceTypeNames } from "../../../provider/resources";
import type {
    AppInstanceAdminArgs,
    AppInstanceArgs,
    AppInstanceRetentionSettingsArgs,
    AppInstanceUserArgs,
    AppInstanceUserExpirationSettings,
    ChannelArgs,
    ChannelBanArgs,
    ChannelCreator,
    ChannelExpirationSettings,
    ChannelFlowArgs,
    ChannelFlowAssociationArgs,
    ChannelFlowProcessor,
    ChannelFlowProcessorPermissionArgs,
    ChannelMembershipArgs,
    ChannelMembershipPreferencesArgs,
    ChannelMembershipsArgs,
    ChannelModeratorArgs,
    ChannelRetentionSettings,
    ChimeIdentity,
    ElasticChannelConfiguration,
    MessagingStreamingConfigurationsArgs,
    StreamingConfiguration,
} from "../../../sdk/nodejs";

/**
 * The SDK's public names are what programs import: the generated files must keep every one of them. The type
 * imports above fail the build when a name goes; the plain values below, typed as the plain (output) types, must
 * still be accepted where the arguments now take Inputs at every level.
 */

const processor: ChannelFlowProcessor = {
    name: "p",
    configuration: {
        lambda: { resourceArn: "arn:aws:lambda:us-east-1:123456789012:function:f", invocationType: "ASYNC" },
    },
    executionOrder: 1,
    fallbackAction: "ABORT",
};
const elastic: ElasticChannelConfiguration = {
    maximumSubChannels: 2,
    targetMembershipsPerSubChannel: 10,
    minimumMembershipPercentage: 10,
};
const channelExpiration: ChannelExpirationSettings = { expirationDays: 1, expirationCriterion: "CREATED_TIMESTAMP" };
const userExpiration: AppInstanceUserExpirationSettings = {
    expirationDays: 1,
    expirationCriterion: "CREATED_TIMESTAMP",
};
const retention: ChannelRetentionSettings = { retentionDays: 1 };
const streaming: StreamingConfiguration = {
    dataType: "Channel",
    resourceArn: "arn:aws:kinesis:us-east-1:1:stream/chime-messaging-x",
};
const identities: (ChimeIdentity | ChannelCreator)[] = [{ arn: "a", name: "n" }];

export const argsTakingPlainValues: [
    ChannelFlowArgs,
    ChannelArgs,
    AppInstanceUserArgs,
    AppInstanceRetentionSettingsArgs,
    MessagingStreamingConfigurationsArgs,
    ChannelFlowArgs,
] = [
    { appInstanceArn: "a", name: "f", processors: [processor] },
    {
        appInstanceArn: "a",
        name: "c",
        elasticChannelConfiguration: elastic,
        expirationSettings: channelExpiration,
        chimeBearer: "b",
    },
    { appInstanceArn: "a", appInstanceUserId: "u", name: "u", expirationSettings: userExpiration },
    { appInstanceArn: "a", channelRetentionSettings: retention },
    { appInstanceArn: "a", streamingConfigurations: [streaming] },
    // Outputs of the plain types, as another resource's outputs would be.
    { appInstanceArn: "a", processors: pulumi.output([processor]) },
];

/**
 * Every registered resource type is an SDK class whose constructor takes its Args: a type missing from the SDK's
 * exports fails tsc here (the lint of both CI legs), before any test runs.
 */
type Sdk = typeof sdk;

/** The Args interfaces by the names programs import them with. */
export type NamedArgs = [
    AppInstanceArgs,
    AppInstanceAdminArgs,
    ChannelBanArgs,
    ChannelFlowAssociationArgs,
    ChannelFlowProcessorPermissionArgs,
    ChannelMembershipArgs,
    ChannelMembershipPreferencesArgs,
    ChannelMembershipsArgs,
    ChannelModeratorArgs,
];
export type EveryResourceClass = { [T in ResourceTypeName]: Sdk[T] };
export type EveryResourceArgs = { [T in ResourceTypeName]: NonNullable<ConstructorParameters<Sdk[T]>[1]> };

describe("the SDK's public names", () => {
    it("include the class of every registered resource type, the components and the helpers programs use", () => {
        const classes = [...resourceTypeNames, "AppInstanceWithAdmin", "ChannelFlowWithPermissions", "providerShim"];
        const exported = sdk as unknown as Record<string, unknown>;
        assert.deepEqual(
            classes.filter((name) => typeof exported[name] !== "function"),
            [],
        );
        assert.equal(identities.length, 1);
    });
});
