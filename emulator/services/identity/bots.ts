import { paginate, newUuid } from "../common";
import { AppInstanceBotRecord, appInstanceArnOf, requireAppInstance, Tables } from "../tables";
import { storeTags } from "../tags";
import { CallContext, IdentityHandlers } from "../types";
import { deleteBotTraces } from "./cascade";
import { requireBot } from "./lookups";

function setBot(tables: Tables, bot: AppInstanceBotRecord): void {
    tables.appInstanceBots.set(appInstanceArnOf(bot.AppInstanceBotArn)!, bot.AppInstanceBotArn, bot);
}

export function botsHandlers(tables: Tables): Partial<IdentityHandlers> {
    return {
        CreateAppInstanceBot(input, context: CallContext) {
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

        DescribeAppInstanceBot(input) {
            return { AppInstanceBot: { ...requireBot(tables, input.AppInstanceBotArn) } };
        },

        /** Name and Metadata are required; a Configuration, when given, replaces the bot's. */
        UpdateAppInstanceBot(input, context: CallContext) {
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

        DeleteAppInstanceBot(input) {
            const bot = requireBot(tables, input.AppInstanceBotArn);
            deleteBotTraces(tables, bot.AppInstanceBotArn);
            return {};
        },

        ListAppInstanceBots(input) {
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
