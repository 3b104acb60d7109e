import { ListAppInstanceBotsCommand, ListAppInstanceUsersCommand } from "@aws-sdk/client-chime-sdk-identity";
import { ListChannelFlowsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../../api";
import { unlessGone } from "./gone";

/**
 * What an app instance still holds when its AppInstance resource is deleted. The stack deletes the resources it
 * manages (which depend on the instance) first, so whatever remains was made outside the stack. Users, bots and
 * channel flows can be listed without a bearer; channels cannot, and without any user or bot left nobody can
 * reach them any more.
 */
export interface AppInstanceContents {
    users: string[];
    bots: string[];
    channelFlows: string[];
}

type Page = { NextToken?: string };

async function listAll<P extends Page>(
    fetch: (nextToken?: string) => Promise<P>,
    items: (page: P) => string[],
): Promise<string[]> {
    const all: string[] = [];
    let nextToken: string | undefined;
    do {
        const page = await fetch(nextToken);
        all.push(...items(page));
        nextToken = page.NextToken;
    } while (nextToken);
    return all;
}

/** The users, bots and channel flows left in the app instance; undefined when there are none or it is gone. */
export async function remainingContents(api: Api, appInstanceArn: string): Promise<AppInstanceContents | undefined> {
    const AppInstanceArn = appInstanceArn;
    const contents = await unlessGone(async () => ({
        users: await listAll(
            (NextToken) =>
                api.send(
                    "identity",
                    new ListAppInstanceUsersCommand({ AppInstanceArn, MaxResults: 50, NextToken }),
                    AppInstanceArn,
                ),
            (page) => (page.AppInstanceUsers ?? []).map((u) => u.AppInstanceUserArn!),
        ),
        bots: await listAll(
            (NextToken) =>
                api.send(
                    "identity",
                    new ListAppInstanceBotsCommand({ AppInstanceArn, MaxResults: 50, NextToken }),
                    AppInstanceArn,
                ),
            (page) => (page.AppInstanceBots ?? []).map((b) => b.AppInstanceBotArn!),
        ),
        channelFlows: await listAll(
            (NextToken) =>
                api.send(
                    "messaging",
                    new ListChannelFlowsCommand({ AppInstanceArn, MaxResults: 50, NextToken }),
                    AppInstanceArn,
                ),
            (page) => (page.ChannelFlows ?? []).map((f) => f.ChannelFlowArn!),
        ),
    }));
    if (!contents) return undefined;
    return contents.users.length + contents.bots.length + contents.channelFlows.length > 0 ? contents : undefined;
}

const SHOWN_PER_KIND = 10;

function listed(kind: string, arns: string[]): string | undefined {
    if (arns.length === 0) return undefined;
    const shown = arns.slice(0, SHOWN_PER_KIND).join(", ");
    const more = arns.length > SHOWN_PER_KIND ? ` and ${arns.length - SHOWN_PER_KIND} more` : "";
    return `${arns.length} ${kind} (${shown}${more})`;
}

export function describeRemaining(appInstanceArn: string, contents: AppInstanceContents): string {
    const parts = [
        listed("users", contents.users),
        listed("bots", contents.bots),
        listed("channel flows", contents.channelFlows),
    ].filter(Boolean);
    return (
        `AppInstance ${appInstanceArn}: not deleted, because it still holds resources this stack does not manage: ` +
        `${parts.join("; ")}. Deleting the app instance would delete them and all their channels and messages. ` +
        `Delete them first, or set forceDestroy: true on the AppInstance to delete it with everything in it.`
    );
}
