import { Store } from "../store";
import { arnParts, MessageRecord, tablesOf } from "../services/tables";

/**
 * What the console draws: every app instance in every region, with its users, bots and admins, its channels
 * (members, the hidden ones marked, moderators, bans, the flow associated), its channel flows with their
 * processors, and its retention and streaming settings. Read from the emulator's tables; it changes nothing.
 */

export interface Topology {
    regions: { region: string; appInstances: AppInstanceView[] }[];
}

export interface AppInstanceView {
    arn: string;
    name: string;
    metadata?: string;
    users: { arn: string; name: string }[];
    bots: { arn: string; name?: string }[];
    admins: string[];
    channels: ChannelView[];
    flows: {
        arn: string;
        name: string;
        processors: { name: string; lambda?: string; executionOrder: number; fallbackAction: string }[];
    }[];
    retentionDays?: number;
    streaming: { dataType: string; resourceArn: string }[];
}

export interface ChannelView {
    arn: string;
    name: string;
    privacy: string;
    mode: string;
    flow?: string;
    members: { arn: string; type: string }[];
    moderators: string[];
    bans: string[];
}

const byName = <T extends { name?: string }>(a: T, b: T) => (a.name ?? "").localeCompare(b.name ?? "");

export function topologyOf(store: Store): Topology {
    const t = tablesOf(store);
    const regions = new Map<string, AppInstanceView[]>();
    for (const appInstanceArn of t.appInstances.partitionKeys()) {
        const instance = t.appInstances.get(appInstanceArn)!;
        const channels = [...t.channels.partition(appInstanceArn).values()].map((channel): ChannelView => ({
            arn: channel.ChannelArn,
            name: channel.Name,
            privacy: channel.Privacy,
            mode: channel.Mode,
            flow: channel.ChannelFlowArn,
            members: [...t.memberships.partition(channel.ChannelArn).values()].map((m) => ({
                arn: m.MemberArn,
                type: m.Type,
            })),
            moderators: [...t.moderators.partition(channel.ChannelArn).keys()],
            bans: [...t.bans.partition(channel.ChannelArn).keys()],
        }));
        const retention = t.retentionSettings.get(appInstanceArn) as
            { ChannelRetentionSettings?: { RetentionDays?: number } } | undefined;
        const streaming = t.streamingConfigurations.get(appInstanceArn) as
            { StreamingConfigurations?: { DataType: string; ResourceArn: string }[] } | undefined;
        const view: AppInstanceView = {
            arn: appInstanceArn,
            name: instance.Name,
            metadata: instance.Metadata,
            users: [...t.appInstanceUsers.partition(appInstanceArn).values()]
                .map((u) => ({ arn: u.AppInstanceUserArn, name: u.Name }))
                .sort(byName),
            bots: [...t.appInstanceBots.partition(appInstanceArn).values()]
                .map((b) => ({ arn: b.AppInstanceBotArn, name: b.Name }))
                .sort(byName),
            admins: [...t.appInstanceAdmins.partition(appInstanceArn).keys()],
            channels: channels.sort(byName),
            flows: [...t.channelFlows.partition(appInstanceArn).values()]
                .map((flow) => ({
                    arn: flow.ChannelFlowArn,
                    name: flow.Name,
                    processors: (flow.Processors ?? []).map((p) => ({
                        name: p.Name!,
                        lambda: p.Configuration?.Lambda?.ResourceArn,
                        executionOrder: p.ExecutionOrder!,
                        fallbackAction: p.FallbackAction!,
                    })),
                }))
                .sort(byName),
            retentionDays: retention?.ChannelRetentionSettings?.RetentionDays,
            streaming: (streaming?.StreamingConfigurations ?? []).map((s) => ({
                dataType: s.DataType,
                resourceArn: s.ResourceArn,
            })),
        };
        const region = arnParts(appInstanceArn)?.region ?? "";
        regions.set(region, [...(regions.get(region) ?? []), view]);
    }
    return {
        regions: [...regions]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([region, appInstances]) => ({ region, appInstances: appInstances.sort(byName) })),
    };
}

/** A channel's most recent messages, newest last, whatever their status (PENDING and DENIED included). */
export function recentMessages(store: Store, channelArn: string, limit = 50) {
    const messages = [...tablesOf(store).messages.partition(channelArn).values()] as MessageRecord[];
    return messages
        .sort((a, b) => a.Sequence - b.Sequence)
        .slice(-limit)
        .map((m) => ({
            id: m.MessageId,
            sender: m.Sender,
            content: m.Content,
            type: m.Type,
            status: m.Status?.Value,
            redacted: m.Redacted,
            sentAt: new Date(m.CreatedTimestamp).toISOString(),
        }));
}
