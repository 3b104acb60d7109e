import {
    CreateAppInstanceAdminCommand,
    CreateAppInstanceAdminRequest,
    DeleteAppInstanceAdminCommand,
    DescribeAppInstanceAdminCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import type * as pulumi from "@pulumi/pulumi";
import { Api } from "../api";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { containsUnknown } from "../unknowns";
import { isoTimestamp } from "../live-values";
import { appInstanceArnProperty, appInstanceOfId, parentAppInstanceArn } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { createOrAdopt } from "./shared/natural-key";

/**
 * Promotes a user (or bot) of an app instance to AppInstanceAdmin. The admin has no ARN of its own: the resource
 * is the pair (app instance, user), so a replacement must demote before it promotes.
 */
export const appInstanceAdminSchema = {
    type: "AppInstanceAdmin",
    id: singleId("admin's user ARN", "appInstanceAdminArn"),
    lostWhenRemoved: "the user's admin rights in every channel of the app instance",
    inputs: {
        appInstanceArn: appInstanceArnProperty("CreateAppInstanceAdminRequest$AppInstanceArn"),
        appInstanceAdminArn: {
            change: "replace",
            required: true,
            shape: members<CreateAppInstanceAdminRequest>(
                "identity",
                "CreateAppInstanceAdminRequest",
            )("AppInstanceAdminArn"),
            doc: "The ARN of a user (or bot) of that app instance to promote",
        },
    },
    outputs: ["adminName", "createdTimestamp"],
    deleteBeforeReplace: true,
    docs: {
        section: "app-instance",
        description:
            "Makes a user an AppInstanceAdmin: it may then do everything on every channel of the app instance, so it is " +
            "the natural `chimeBearer` of the stack's channel resources (pass `appInstanceAdminArn`, which carries the " +
            "dependency on this resource). Deleting the resource demotes the user; it does not delete it.",
        outputs: {
            adminName: {
                type: "string",
                optional: true,
                doc: "The admin's name, as its user (or bot) had it when last read",
            },
            createdTimestamp: { type: "string", doc: "When the user was made an admin (ISO 8601)" },
        },
    },
} satisfies ResourceSchema;

type AppInstanceAdminInputs = InputsOf<typeof appInstanceAdminSchema>;
type AppInstanceAdminOutputs = OutputsOf<typeof appInstanceAdminSchema>;

function checkAcross(inputs: Props): pulumi.dynamic.CheckFailure[] {
    const { appInstanceArn, appInstanceAdminArn } = inputs as { appInstanceArn: string; appInstanceAdminArn: string };
    if (containsUnknown(appInstanceArn) || containsUnknown(appInstanceAdminArn)) return [];
    if (parentAppInstanceArn(appInstanceAdminArn) === appInstanceArn) return [];
    return [
        {
            property: "appInstanceAdminArn",
            reason:
                `appInstanceAdminArn must be the ARN of a user or bot of the app instance ${appInstanceArn} ` +
                `(${appInstanceArn}/user/<id> or ${appInstanceArn}/bot/<id>) (got ${JSON.stringify(appInstanceAdminArn)})`,
        },
    ];
}

async function describe(
    api: Api,
    appInstanceArn: string,
    adminArn: string,
): Promise<Partial<AppInstanceAdminInputs & AppInstanceAdminOutputs> | undefined> {
    const out = await unlessGone(() =>
        api.send(
            "identity",
            new DescribeAppInstanceAdminCommand({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn }),
            adminArn,
        ),
    );
    const admin = out?.AppInstanceAdmin;
    if (!admin) return undefined;
    return {
        appInstanceArn: admin.AppInstanceArn,
        appInstanceAdminArn: admin.Admin?.Arn,
        adminName: admin.Admin?.Name,
        createdTimestamp: isoTimestamp(admin.CreatedTimestamp),
    };
}

export const appInstanceAdminImplementation: ResourceImplementation<AppInstanceAdminInputs, AppInstanceAdminOutputs> = {
    schema: appInstanceAdminSchema,

    /** The id is the admin's ARN, a user or bot of the app instance. */
    inputsFromId: (id) => appInstanceOfId("AppInstanceAdmin", id),
    checkAcross,

    async create(api, inputs) {
        const appInstanceArn = inputs.appInstanceArn;
        const adminArn = inputs.appInstanceAdminArn;
        // The pair is the key: a user already promoted (by an interrupted run, or otherwise) is adopted.
        const live = await createOrAdopt(
            async () => {
                await api.send(
                    "identity",
                    new CreateAppInstanceAdminCommand({
                        AppInstanceArn: appInstanceArn,
                        AppInstanceAdminArn: adminArn,
                    }),
                    adminArn,
                );
                return describe(api, appInstanceArn, adminArn);
            },
            () => describe(api, appInstanceArn, adminArn),
        );
        return { id: adminArn, outs: { adminName: live?.adminName, createdTimestamp: live?.createdTimestamp } };
    },

    async read(api, id, state) {
        return describe(api, state.appInstanceArn, id);
    },

    async update() {
        // Both inputs force a replacement: nothing is ever updated in place.
        return {};
    },

    async delete(api, id, state) {
        await deleteUnlessGone(() =>
            api.send(
                "identity",
                new DeleteAppInstanceAdminCommand({
                    AppInstanceArn: state.appInstanceArn,
                    AppInstanceAdminArn: id,
                }),
                id,
            ),
        );
    },
};
