import { badRequest, notFound } from "../../protocol/errors";
import { AppInstanceBotRecord, AppInstanceUserRecord, appInstanceArnOf, Tables } from "../tables";

/** The app instance a child ARN (user, bot) belongs to; BadRequest when the ARN has no app instance in it. */
export function parentAppInstanceOf(arn: string, kind: string): string {
    const instance = appInstanceArnOf(arn);
    if (!instance || instance === arn) throw badRequest(`The ${kind} ARN ${arn} is not valid.`);
    return instance;
}

export function requireUser(tables: Tables, userArn: string): AppInstanceUserRecord {
    const instance = parentAppInstanceOf(userArn, "app instance user");
    const user = tables.appInstanceUsers.get(instance, userArn);
    if (!user) throw notFound(`The app instance user ${userArn} does not exist.`);
    return user;
}

export function requireBot(tables: Tables, botArn: string): AppInstanceBotRecord {
    const instance = parentAppInstanceOf(botArn, "app instance bot");
    const bot = tables.appInstanceBots.get(instance, botArn);
    if (!bot) throw notFound(`The app instance bot ${botArn} does not exist.`);
    return bot;
}
