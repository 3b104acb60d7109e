import { badRequest, conflict, notFound, resourceLimitExceeded } from "../../protocol/errors";
import { paginate } from "../common";
import { appInstanceArnOf, findUserOrBot, requireAppInstance, Tables } from "../tables";
import { CallContext, IdentityHandlers } from "../types";

/** Service quota: admins per app instance. */
export const MAX_ADMINS_PER_APP_INSTANCE = 100;

/** An admin is an existing user or bot of the same app instance. */
function requireAdminCandidate(tables: Tables, instance: string, adminArn: string) {
    if (appInstanceArnOf(adminArn) !== instance) {
        throw badRequest(`The AppInstanceAdminArn ${adminArn} is not a user or bot of the app instance ${instance}.`);
    }
    const member = findUserOrBot(tables, adminArn);
    if (!member) throw notFound(`The app instance user or bot ${adminArn} does not exist.`);
    return member;
}

function adminIdentity(tables: Tables, adminArn: string) {
    return { Arn: adminArn, Name: findUserOrBot(tables, adminArn)?.Name };
}

export function adminsHandlers(tables: Tables): Partial<IdentityHandlers> {
    return {
        CreateAppInstanceAdmin(input, context: CallContext) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            requireAdminCandidate(tables, instance, input.AppInstanceAdminArn);
            // The service documents ConflictException for this operation but not when; promoting an admin twice is
            // the one conflicting state, so it answers with that rather than silently succeeding.
            if (tables.appInstanceAdmins.has(instance, input.AppInstanceAdminArn)) {
                throw conflict(`${input.AppInstanceAdminArn} is already an admin of the app instance ${instance}.`);
            }
            if (tables.appInstanceAdmins.partitionSize(instance) >= MAX_ADMINS_PER_APP_INSTANCE) {
                throw resourceLimitExceeded(
                    `The app instance ${instance} has reached the limit of ${MAX_ADMINS_PER_APP_INSTANCE} admins.`,
                );
            }
            tables.appInstanceAdmins.set(instance, input.AppInstanceAdminArn, {
                AdminArn: input.AppInstanceAdminArn,
                CreatedTimestamp: context.now,
            });
            return { AppInstanceAdmin: adminIdentity(tables, input.AppInstanceAdminArn), AppInstanceArn: instance };
        },

        DescribeAppInstanceAdmin(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const admin = tables.appInstanceAdmins.get(instance, input.AppInstanceAdminArn);
            if (!admin) {
                throw notFound(`${input.AppInstanceAdminArn} is not an admin of the app instance ${instance}.`);
            }
            return {
                AppInstanceAdmin: {
                    Admin: adminIdentity(tables, admin.AdminArn),
                    AppInstanceArn: instance,
                    CreatedTimestamp: admin.CreatedTimestamp,
                },
            };
        },

        DeleteAppInstanceAdmin(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            if (!tables.appInstanceAdmins.delete(instance, input.AppInstanceAdminArn)) {
                throw notFound(`${input.AppInstanceAdminArn} is not an admin of the app instance ${instance}.`);
            }
            return {};
        },

        ListAppInstanceAdmins(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const summaries = [...tables.appInstanceAdmins.partition(instance).keys()].map((arn) => ({
                Admin: adminIdentity(tables, arn),
            }));
            const { page, nextToken } = paginate(
                summaries,
                input.MaxResults,
                input.NextToken,
                `ListAppInstanceAdmins:${instance}`,
            );
            return { AppInstanceArn: instance, AppInstanceAdmins: page, NextToken: nextToken };
        },
    };
}
