import { Store, Table } from "../store";
import { badRequest, notFound } from "../protocol/errors";
import { IdentityInput, MessagingInput } from "./types";

/**
 * The emulator's domain records and the tables that hold them, shared by the services (a channel handler needs
 * the identity service's users and admins). Member names follow the API's, timestamps are epoch milliseconds.
 * Tables are keyed (partition, sort); the comment on each says what the keys are.
 */

export interface ExpirationSettings {
    ExpirationDays: number;
    ExpirationCriterion: string;
}

// --- identity ---------------------------------------------------------------------------------------------

export interface AppInstanceRecord {
    AppInstanceArn: string;
    Name: string;
    Metadata?: string;
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
}

export interface AppInstanceUserRecord {
    AppInstanceUserArn: string;
    Name: string;
    Metadata?: string;
    ExpirationSettings?: ExpirationSettings;
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
}

export interface AppInstanceAdminRecord {
    AdminArn: string;
    CreatedTimestamp: number;
}

export interface AppInstanceBotRecord {
    AppInstanceBotArn: string;
    Name?: string;
    Metadata?: string;
    Configuration: IdentityInput<"CreateAppInstanceBot">["Configuration"];
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
}

// --- messaging --------------------------------------------------------------------------------------------

export interface ChannelRecord {
    ChannelArn: string;
    AppInstanceArn: string;
    Name: string;
    Mode: string;
    Privacy: string;
    Metadata?: string;
    /** The bearer that created the channel (an app instance user or bot ARN). */
    CreatedBy: string;
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
    LastMessageTimestamp?: number;
    ChannelFlowArn?: string;
    ElasticChannelConfiguration?: {
        MaximumSubChannels: number;
        TargetMembershipsPerSubChannel: number;
        MinimumMembershipPercentage: number;
    };
    ExpirationSettings?: ExpirationSettings;
}

export interface MembershipRecord {
    ChannelArn: string;
    MemberArn: string;
    Type: string;
    InvitedBy: string;
    SubChannelId?: string;
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
}

export interface ModeratorRecord {
    ChannelArn: string;
    ModeratorArn: string;
    CreatedBy: string;
    CreatedTimestamp: number;
}

export interface BanRecord {
    ChannelArn: string;
    MemberArn: string;
    CreatedBy: string;
    CreatedTimestamp: number;
}

/** A sub-channel of an elastic channel. */
export interface SubChannelRecord {
    SubChannelId: string;
    CreatedTimestamp: number;
}

export interface ChannelFlowRecord {
    ChannelFlowArn: string;
    AppInstanceArn: string;
    Name: string;
    Processors: MessagingInput<"CreateChannelFlow">["Processors"];
    CreatedTimestamp: number;
    LastUpdatedTimestamp: number;
}

export interface MessageRecord {
    ChannelArn: string;
    MessageId: string;
    SubChannelId?: string;
    Content?: string;
    ContentType?: string;
    Metadata?: string;
    Type: string;
    Persistence: string;
    Sender: string;
    /** Orders the channel's messages: increases with every message sent, also within one millisecond. */
    Sequence: number;
    CreatedTimestamp: number;
    LastEditedTimestamp?: number;
    LastUpdatedTimestamp: number;
    Redacted: boolean;
    Status: { Value: string; Detail?: string };
    MessageAttributes?: Record<string, unknown>;
    Target?: unknown[];
    /** The callback id a channel flow processor must answer with, while the message is PENDING. */
    CallbackId?: string;
}

// --- lambda -----------------------------------------------------------------------------------------------

/** A Lambda function: stored as given, never run. `Configuration` is the API's FunctionConfiguration. */
export interface LambdaFunctionRecord {
    Configuration: Record<string, unknown> & { FunctionName: string; FunctionArn: string; RevisionId: string };
    Code: Record<string, unknown>;
    Tags?: Record<string, string>;
    /** Published version numbers, in order. */
    Versions: string[];
}

/** One statement of a function's resource-based policy, as the IAM policy document holds it. */
export type PolicyStatementRecord = Record<string, unknown> & { Sid: string };

/** The value of index tables, whose keys say it all. */
export type IndexEntry = Readonly<Record<string, never>>;
export const INDEX_ENTRY: IndexEntry = Object.freeze({});

/** Idempotent creates: the first answer for a (operation, token) pair, and a digest of the input it answered. */
export interface IdempotencyRecord {
    inputDigest: string;
    output: unknown;
    /** When the first answer was given (epoch ms); the token is forgotten after the idempotency window. */
    recordedAt: number;
}

export interface Tables {
    // identity
    /** (AppInstanceArn, "") */
    appInstances: Table<AppInstanceRecord>;
    /** (AppInstanceArn, AppInstanceUserArn) */
    appInstanceUsers: Table<AppInstanceUserRecord>;
    /** (AppInstanceArn, admin user ARN) */
    appInstanceAdmins: Table<AppInstanceAdminRecord>;
    /** (AppInstanceArn, AppInstanceBotArn) */
    appInstanceBots: Table<AppInstanceBotRecord>;
    /** (AppInstanceUserArn, EndpointId) */
    userEndpoints: Table<Record<string, unknown>>;
    /** (AppInstanceArn, "") -> {ChannelRetentionSettings: {RetentionDays}} */
    retentionSettings: Table<Record<string, unknown>>;
    // messaging
    /** (AppInstanceArn, ChannelArn) */
    channels: Table<ChannelRecord>;
    /** (ChannelArn, MemberArn) */
    memberships: Table<MembershipRecord>;
    /** (ChannelArn, moderator ARN) */
    moderators: Table<ModeratorRecord>;
    /** (MemberArn, ChannelArn) -> INDEX_ENTRY: the channels of each member (per-user listings and quota). */
    membershipsByMember: Table<IndexEntry>;
    /** (moderator ARN, ChannelArn) -> INDEX_ENTRY: the channels each user moderates. */
    moderatorsByUser: Table<IndexEntry>;
    /** (ChannelArn, SubChannelId): the sub-channels of elastic channels. */
    subChannels: Table<SubChannelRecord>;
    /** (ChannelArn + "/" + SubChannelId, MemberArn): the memberships of each sub-channel of an elastic channel. */
    subChannelMemberships: Table<MembershipRecord>;
    /** (ChannelArn, MemberArn) */
    bans: Table<BanRecord>;
    /** (ChannelArn, MemberArn) -> {Preferences} */
    membershipPreferences: Table<Record<string, unknown>>;
    /** (ChannelArn, MemberArn) -> {ReadMarkerTimestamp} */
    readMarkers: Table<Record<string, unknown>>;
    /** (ChannelArn, MessageId) */
    messages: Table<MessageRecord>;
    /** (AppInstanceArn, ChannelFlowArn) */
    channelFlows: Table<ChannelFlowRecord>;
    /** (AppInstanceArn, "") -> {StreamingConfigurations} */
    streamingConfigurations: Table<Record<string, unknown>>;
    // shared
    /** (resource ARN, tag key) -> {Key, Value} */
    tags: Table<{ Key: string; Value: string }>;
    /** (service:operation, ClientRequestToken) */
    idempotency: Table<IdempotencyRecord>;
    // lambda
    /** (region, function name) */
    lambdaFunctions: Table<LambdaFunctionRecord>;
    /** (function ARN, qualified when the policy is a version's, StatementId) */
    lambdaPolicyStatements: Table<PolicyStatementRecord>;
}

const TABLE_NAMES: (keyof Tables)[] = [
    "appInstances",
    "appInstanceUsers",
    "appInstanceAdmins",
    "appInstanceBots",
    "userEndpoints",
    "retentionSettings",
    "channels",
    "memberships",
    "moderators",
    "membershipsByMember",
    "moderatorsByUser",
    "subChannels",
    "subChannelMemberships",
    "bans",
    "membershipPreferences",
    "readMarkers",
    "messages",
    "channelFlows",
    "streamingConfigurations",
    "tags",
    "idempotency",
    "lambdaFunctions",
    "lambdaPolicyStatements",
];

const tablesByStore = new WeakMap<Store, Tables>();

export function tablesOf(store: Store): Tables {
    let tables = tablesByStore.get(store);
    if (!tables) {
        tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, store.table(name)])) as unknown as Tables;
        tablesByStore.set(store, tables);
    }
    return tables;
}

// --- ARNs -------------------------------------------------------------------------------------------------

const APP_INSTANCE_PREFIX = /^(arn:[^:]+:chime:[^:]*:[^:]*:app-instance\/[^/]+)(\/.*)?$/;

/** The app instance ARN that an app instance, user, bot, channel or channel-flow ARN belongs to. */
export function appInstanceArnOf(arn: string): string | undefined {
    return APP_INSTANCE_PREFIX.exec(arn)?.[1];
}

/** Parts of a Chime ARN: arn:partition:chime:region:account:resource. */
export function arnParts(
    arn: string,
): { partition: string; region: string; account: string; resource: string } | undefined {
    const m = /^arn:([^:]+):chime:([^:]*):([^:]*):(.+)$/.exec(arn);
    return m ? { partition: m[1], region: m[2], account: m[3], resource: m[4] } : undefined;
}

// --- lookups shared by the services ------------------------------------------------------------------------

export function findAppInstance(tables: Tables, appInstanceArn: string): AppInstanceRecord | undefined {
    return tables.appInstances.get(appInstanceArn);
}

export function requireAppInstance(tables: Tables, appInstanceArn: string): AppInstanceRecord {
    const record = findAppInstance(tables, appInstanceArn);
    if (!record) throw notFound(`The app instance ${appInstanceArn} does not exist.`);
    return record;
}

/** An app instance user or bot, by ARN. */
export function findUserOrBot(tables: Tables, arn: string): AppInstanceUserRecord | AppInstanceBotRecord | undefined {
    const instance = appInstanceArnOf(arn);
    if (!instance) return undefined;
    return tables.appInstanceUsers.get(instance, arn) ?? tables.appInstanceBots.get(instance, arn);
}

export function isAppInstanceAdmin(tables: Tables, appInstanceArn: string, userArn: string): boolean {
    return tables.appInstanceAdmins.has(appInstanceArn, userArn);
}

export function findChannel(tables: Tables, channelArn: string): ChannelRecord | undefined {
    const instance = appInstanceArnOf(channelArn);
    return instance ? tables.channels.get(instance, channelArn) : undefined;
}

export function requireChannel(tables: Tables, channelArn: string): ChannelRecord {
    const channel = findChannel(tables, channelArn);
    if (!channel) throw notFound(`The channel ${channelArn} does not exist.`);
    return channel;
}

/**
 * Checks the x-amz-chime-bearer of a channel call: it must be a user or bot of the channel's app instance.
 * The message is the service's own.
 */
export function requireBearerIn(tables: Tables, appInstanceArn: string, bearer: string): void {
    if (appInstanceArnOf(bearer) !== appInstanceArn || !findUserOrBot(tables, bearer)) {
        throw badRequest("An invalid app instance user ARN was supplied for the x-amz-chime-bearer HTTP header.");
    }
}

export type ChannelRole = "admin" | "moderator" | "member" | "none";

/** The strongest role a bearer holds on a channel (see the developer guide's auth-by-role table). */
export function channelRole(tables: Tables, channel: ChannelRecord, bearer: string): ChannelRole {
    if (isAppInstanceAdmin(tables, channel.AppInstanceArn, bearer)) return "admin";
    if (tables.moderators.has(channel.ChannelArn, bearer)) return "moderator";
    if (tables.memberships.has(channel.ChannelArn, bearer)) return "member";
    return "none";
}
