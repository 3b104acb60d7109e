import { resourceLimitExceeded } from "../../protocol/errors";
import { chimeArn, newUuid, paginate } from "../common";
import { requireAppInstance, Tables } from "../tables";
import { storeTags } from "../tags";
import { CallContext, IdentityHandlers } from "../types";
import { deleteAppInstanceTree } from "./cascade";

/** Service quota: app instances per account (and region). */
export const MAX_APP_INSTANCES = 100;

function accountPrefix(context: CallContext): string {
    return chimeArn(context, "app-instance/");
}

function appInstancesOfCaller(tables: Tables, context: CallContext) {
    const prefix = accountPrefix(context);
    return [...tables.appInstances.values()].filter((record) => record.AppInstanceArn.startsWith(prefix));
}

export function appInstancesHandlers(tables: Tables): Partial<IdentityHandlers> {
    return {
        CreateAppInstance(input, context: CallContext) {
            if (appInstancesOfCaller(tables, context).length >= MAX_APP_INSTANCES) {
                throw resourceLimitExceeded(
                    `The account ${context.accountId} has reached the limit of ${MAX_APP_INSTANCES} app instances.`,
                );
            }
            const arn = chimeArn(context, `app-instance/${newUuid()}`);
            tables.appInstances.set(arn, "", {
                AppInstanceArn: arn,
                Name: input.Name,
                Metadata: input.Metadata,
                CreatedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
            });
            storeTags(tables, arn, input.Tags);
            return { AppInstanceArn: arn };
        },

        DescribeAppInstance(input) {
            return { AppInstance: { ...requireAppInstance(tables, input.AppInstanceArn) } };
        },

        UpdateAppInstance(input, context: CallContext) {
            const record = requireAppInstance(tables, input.AppInstanceArn);
            tables.appInstances.set(record.AppInstanceArn, "", {
                ...record,
                Name: input.Name,
                Metadata: input.Metadata,
                LastUpdatedTimestamp: context.now,
            });
            return { AppInstanceArn: record.AppInstanceArn };
        },

        DeleteAppInstance(input) {
            requireAppInstance(tables, input.AppInstanceArn);
            deleteAppInstanceTree(tables, input.AppInstanceArn);
            return {};
        },

        ListAppInstances(input, context: CallContext) {
            const summaries = appInstancesOfCaller(tables, context).map((record) => ({
                AppInstanceArn: record.AppInstanceArn,
                Name: record.Name,
                Metadata: record.Metadata,
            }));
            const { page, nextToken } = paginate(
                summaries,
                input.MaxResults,
                input.NextToken,
                `ListAppInstances:${accountPrefix(context)}`,
            );
            return { AppInstances: page, NextToken: nextToken };
        },
    };
}
