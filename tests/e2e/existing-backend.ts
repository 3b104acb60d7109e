import {
    CreateAppInstanceAdminCommand,
    CreateAppInstanceBotCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
    PutAppInstanceRetentionSettingsCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    AssociateChannelFlowCommand,
    CreateChannelBanCommand,
    CreateChannelCommand,
    CreateChannelFlowCommand,
    CreateChannelMembershipCommand,
    CreateChannelModeratorCommand,
    PutChannelMembershipPreferencesCommand,
    PutMessagingStreamingConfigurationsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { AddPermissionCommand } from "@aws-sdk/client-lambda";
import { resourceImplementations } from "../../provider/resources";
import { EmulatorFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createProcessorFunction } from "../helpers/e2e";

/** A chat backend made out of band (as a script or the console would), with the AWS SDK alone. */
export interface ExistingBackend {
    appInstanceArn: string;
    adminArn: string;
    users: Record<"ops" | "alice" | "bob" | "mallory", string>;
    /** A Lex bot of the app instance, a member of general. */
    botArn: string;
    general: string;
    leads: string;
    flowArn: string;
}

export async function createExistingBackend(fx: EmulatorFixture): Promise<ExistingBackend> {
    const { identity, messaging } = fx;
    const { AppInstanceArn } = await identity.send(
        new CreateAppInstanceCommand({
            Name: "acme-chat",
            Metadata: "support",
            Tags: [{ Key: "team", Value: "chat" }],
        }),
    );
    const appInstanceArn = AppInstanceArn!;
    const user = async (id: string, name: string) =>
        (
            await identity.send(
                new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: id, Name: name }),
            )
        ).AppInstanceUserArn!;
    const users = {
        ops: await user("ops", "Ops Bot"),
        alice: await user("alice", "Alice"),
        bob: await user("bob", "Bob"),
        mallory: await user("mallory", "Mallory"),
    };
    const { AppInstanceBotArn } = await identity.send(
        new CreateAppInstanceBotCommand({
            AppInstanceArn: appInstanceArn,
            Name: "Helper",
            ClientRequestToken: "existing-bot",
            Configuration: {
                Lex: {
                    LexBotAliasArn: "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST",
                    LocaleId: "en_US",
                    InvokedBy: { StandardMessages: "MENTIONS", TargetedMessages: "ALL" },
                },
            },
        }),
    );
    const botArn = AppInstanceBotArn!;
    await identity.send(
        new CreateAppInstanceAdminCommand({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: users.ops }),
    );
    await identity.send(
        new PutAppInstanceRetentionSettingsCommand({
            AppInstanceArn: appInstanceArn,
            AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 60 } },
        }),
    );
    const asOps = { ChimeBearer: users.ops };
    const channel = async (name: string, privacy: "PUBLIC" | "PRIVATE", mode: "UNRESTRICTED" | "RESTRICTED") =>
        (
            await messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: appInstanceArn,
                    Name: name,
                    Privacy: privacy,
                    Mode: mode,
                    ...asOps,
                }),
            )
        ).ChannelArn!;
    const general = await channel("general", "PUBLIC", "UNRESTRICTED");
    const leads = await channel("Leads Room", "PRIVATE", "RESTRICTED");
    const member = (channelArn: string, memberArn: string, type: "DEFAULT" | "HIDDEN" = "DEFAULT") =>
        messaging.send(
            new CreateChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: memberArn, Type: type, ...asOps }),
        );
    await member(general, users.alice);
    await member(general, users.bob);
    await member(general, botArn);
    await member(leads, users.alice);
    await member(leads, users.bob, "HIDDEN");
    await messaging.send(
        new CreateChannelModeratorCommand({ ChannelArn: general, ChannelModeratorArn: users.alice, ...asOps }),
    );
    await messaging.send(new CreateChannelBanCommand({ ChannelArn: general, MemberArn: users.mallory, ...asOps }));

    const processorArn = await createProcessorFunction(fx.url, "existing-profanity-filter");
    const { ChannelFlowArn } = await messaging.send(
        new CreateChannelFlowCommand({
            AppInstanceArn: appInstanceArn,
            Name: "profanity filter",
            Processors: [
                {
                    Name: "filter",
                    Configuration: { Lambda: { ResourceArn: processorArn, InvocationType: "ASYNC" } },
                    ExecutionOrder: 1,
                    FallbackAction: "CONTINUE",
                },
            ],
            ClientRequestToken: "existing-flow",
        }),
    );
    await messaging.send(
        new AssociateChannelFlowCommand({ ChannelArn: general, ChannelFlowArn: ChannelFlowArn!, ...asOps }),
    );
    await messaging.send(
        new PutMessagingStreamingConfigurationsCommand({
            AppInstanceArn: appInstanceArn,
            StreamingConfigurations: [
                {
                    DataType: "Channel",
                    ResourceArn: `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/chime-messaging-chat-events`,
                },
            ],
        }),
    );
    return { appInstanceArn, adminArn: users.ops, users, botArn, general, leads, flowArn: ChannelFlowArn! };
}

/**
 * The backend with one resource of every type: besides what createExistingBackend makes, alice's preferences in
 * general and the flow processor's Lambda permission (Sid `chime-existing`). Returns each type's resource by its
 * id, as `pulumi import` and `get` take it, and checks that every type is there.
 */
export async function withEveryType(fx: EmulatorFixture, backend: ExistingBackend): Promise<Record<string, string>> {
    const { appInstanceArn, users, general, leads, flowArn } = backend;
    await fx.messaging.send(
        new PutChannelMembershipPreferencesCommand({
            ChannelArn: general,
            MemberArn: users.alice,
            ChimeBearer: users.alice,
            Preferences: {
                PushNotifications: { AllowNotifications: "FILTERED", FilterRule: '{"urgent":["yes"]}' },
            },
        }),
    );
    await fx.lambda.send(
        new AddPermissionCommand({
            FunctionName: "existing-profanity-filter",
            StatementId: "chime-existing",
            Action: "lambda:InvokeFunction",
            Principal: "messaging.chime.amazonaws.com",
            SourceArn: appInstanceArn,
            SourceAccount: TEST_ACCOUNT,
        }),
    );
    const functionArn = `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:existing-profanity-filter`;
    const ids: Record<string, string> = {
        AppInstance: appInstanceArn,
        AppInstanceUser: users.bob,
        AppInstanceAdmin: users.ops,
        AppInstanceBot: backend.botArn,
        AppInstanceRetentionSettings: appInstanceArn,
        MessagingStreamingConfigurations: appInstanceArn,
        ChannelFlowProcessorPermission: `${functionArn}#chime-existing`,
        Channel: general,
        ChannelFlow: flowArn,
        ChannelFlowAssociation: `${general}|${flowArn}`,
        ChannelMembership: `${general}|${users.alice}`,
        ChannelMemberships: `${leads}|DEFAULT|imported`,
        ChannelMembershipPreferences: `${general}|${users.alice}`,
        ChannelModerator: `${general}|${users.alice}`,
        ChannelBan: `${general}|${users.mallory}`,
    };
    const missing = Object.keys(resourceImplementations).filter((type) => !(type in ids));
    if (missing.length > 0) throw new Error(`the existing backend has no resource of ${missing.join(", ")}`);
    return ids;
}
