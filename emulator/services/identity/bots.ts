import { paginate, newUuid } from "../common";
import { AppInstanceBotRecord, appInstanceArnOf, requireAppInstance, Tables } from "../tables";
import { storeTags, Tag } from "../tags";
import { CallContext, ServiceHandlers } from "../types";
import { deleteBotTraces } from "./cascade";
import { requireBot } from "./lookups";

interface CreateBotInput {
    AppInstanceArn: string;
    Name?: string;
    Metadata?: string;
    Tags?: Tag[];
    Configuration: unknown;
}

function setBot(tables: Tables, bot: AppInstanceBotRecord): void {
    tables.appInstanceBots.set(appInstanceArnOf(bot.AppInstanceBotArn)!, bot.AppInstanceBotArn, bot);
}

export function botsHandlers(tables: Tables): ServiceHandlers {
    return {
        CreateAppInstanceBot(input: CreateBotInput, context: CallContext) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const arn = `${instance}/bot/${newUuid()}`;
            setBot(tables, {
                AppInstanceBotArn: arn,
                Name: input.Name,
                Metadata: input.Metadata,
                Configuration: input.Configuration,
                CreatedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
            });
            storeTags(tables, arn, input.Tags);
            return { AppInstanceBotArn: arn };
        },

        DescribeAppInstanceBot(input: { AppInstanceBotArn: string }) {
            return { AppInstanceBot: { ...requireBot(tables, input.AppInstanceBotArn) } };
        },

        /** Name and Metadata are required; a Configuration, when given, replaces the bot's. */
        UpdateAppInstanceBot(
            input: { AppInstanceBotArn: string; Name: string; Metadata: string; Configuration?: unknown },
            context: CallContext,
        ) {
            const bot = requireBot(tables, input.AppInstanceBotArn);
            setBot(tables, {
                ...bot,
                Name: input.Name,
                Metadata: input.Metadata,
                Configuration: input.Configuration ?? bot.Configuration,
                LastUpdatedTimestamp: context.now,
            });
            return { AppInstanceBotArn: bot.AppInstanceBotArn };
        },

        DeleteAppInstanceBot(input: { AppInstanceBotArn: string }) {
            const bot = requireBot(tables, input.AppInstanceBotArn);
            deleteBotTraces(tables, bot.AppInstanceBotArn);
            return {};
        },

        ListAppInstanceBots(input: { AppInstanceArn: string; MaxResults?: number; NextToken?: string }) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const summaries = [...tables.appInstanceBots.partition(instance).values()].map((bot) => ({
                AppInstanceBotArn: bot.AppInstanceBotArn,
                Name: bot.Name,
                Metadata: bot.Metadata,
            }));
            const { page, nextToken } = paginate(
                summaries,
                input.MaxResults,
                input.NextToken,
                `ListAppInstanceBots:${instance}`,
            );
            return { AppInstanceArn: instance, AppInstanceBots: page, NextToken: nextToken };
        },
    };
}
