import { conflict, resourceLimitExceeded } from "../../protocol/errors";
import { paginate } from "../common";
import { appInstanceArnOf, AppInstanceUserRecord, requireAppInstance, Tables } from "../tables";
import { storeTags } from "../tags";
import { CallContext, IdentityHandlers } from "../types";
import { deleteUserTraces } from "./cascade";
import { requireUser } from "./lookups";

/** Service quota: app instance users per app instance. */
export const MAX_USERS_PER_APP_INSTANCE = 100_000;

export function usersHandlers(tables: Tables): Partial<IdentityHandlers> {
    return {
        CreateAppInstanceUser(input, context: CallContext) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const arn = `${instance}/user/${input.AppInstanceUserId}`;
            if (tables.appInstanceUsers.has(instance, arn)) {
                throw conflict(`The app instance user ${arn} already exists.`);
            }
            if (tables.appInstanceUsers.partitionSize(instance) >= MAX_USERS_PER_APP_INSTANCE) {
                throw resourceLimitExceeded(
                    `The app instance ${instance} has reached the limit of ${MAX_USERS_PER_APP_INSTANCE} users.`,
                );
            }
            tables.appInstanceUsers.set(instance, arn, {
                AppInstanceUserArn: arn,
                Name: input.Name,
                Metadata: input.Metadata,
                ExpirationSettings: input.ExpirationSettings,
                CreatedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
            });
            storeTags(tables, arn, input.Tags);
            return { AppInstanceUserArn: arn };
        },

        DescribeAppInstanceUser(input) {
            return { AppInstanceUser: { ...requireUser(tables, input.AppInstanceUserArn) } };
        },

        UpdateAppInstanceUser(input, context: CallContext) {
            const user = requireUser(tables, input.AppInstanceUserArn);
            setUser(tables, { ...user, Name: input.Name, Metadata: input.Metadata, LastUpdatedTimestamp: context.now });
            return { AppInstanceUserArn: user.AppInstanceUserArn };
        },

        PutAppInstanceUserExpirationSettings(input, context: CallContext) {
            const user = requireUser(tables, input.AppInstanceUserArn);
            setUser(tables, {
                ...user,
                ExpirationSettings: input.ExpirationSettings,
                LastUpdatedTimestamp: context.now,
            });
            return { AppInstanceUserArn: user.AppInstanceUserArn, ExpirationSettings: input.ExpirationSettings };
        },

        DeleteAppInstanceUser(input) {
            const user = requireUser(tables, input.AppInstanceUserArn);
            deleteUserTraces(tables, user.AppInstanceUserArn);
            return {};
        },

        ListAppInstanceUsers(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const summaries = [...tables.appInstanceUsers.partition(instance).values()].map((user) => ({
                AppInstanceUserArn: user.AppInstanceUserArn,
                Name: user.Name,
                Metadata: user.Metadata,
            }));
            const { page, nextToken } = paginate(
                summaries,
                input.MaxResults,
                input.NextToken,
                `ListAppInstanceUsers:${instance}`,
            );
            return { AppInstanceArn: instance, AppInstanceUsers: page, NextToken: nextToken };
        },
    };
}

function setUser(tables: Tables, user: AppInstanceUserRecord): void {
    tables.appInstanceUsers.set(appInstanceArnOf(user.AppInstanceUserArn)!, user.AppInstanceUserArn, user);
}
