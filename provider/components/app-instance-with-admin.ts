import { ComponentDeclaration, outputOf } from "./component";

export const appInstanceWithAdmin: ComponentDeclaration = {
    type: "AppInstanceWithAdmin",
    description:
        "An app instance with an admin: the AppInstance (named like the component), an AppInstanceUser and the " +
        "AppInstanceAdmin that promotes it (both `<name>-admin`). `bearerArn` is the admin's ARN as the " +
        "AppInstanceAdmin answers it, so channel resources that take it as their `chimeBearer` wait until the " +
        "user really is an admin, with no `dependsOn`.",
    inputsOf: "AppInstance",
    extraInputs: {
        admin: {
            doc: 'The admin user: by default `{appInstanceUserId: "admin"}`.',
            objectOf: "AppInstanceUser",
            typeName: "AdminUser",
            leaveOut: ["appInstanceArn"],
            optional: ["appInstanceUserId"],
        },
    },
    outputs: {
        appInstanceArn: "The app instance ARN.",
        bearerArn: "The ARN to pass as `chimeBearer`: the admin user's, known once it is an AppInstanceAdmin.",
    },
    children: {
        appInstance: { type: "AppInstance", doc: "The app instance, named like the component." },
        adminUser: { type: "AppInstanceUser", doc: "The admin user, `<name>-admin`." },
        admin: { type: "AppInstanceAdmin", doc: "The AppInstanceAdmin that promotes it, `<name>-admin`." },
    },

    build(name, args, parent, make) {
        const { admin: adminArgs, ...appInstanceArgs } = args;
        const children = { parent };
        const appInstance = make("AppInstance", name, appInstanceArgs, children);
        const appInstanceArn = outputOf(appInstance, "arn");
        const adminUser = make(
            "AppInstanceUser",
            `${name}-admin`,
            { appInstanceUserId: "admin", ...(adminArgs ?? {}), appInstanceArn },
            children,
        );
        const admin = make(
            "AppInstanceAdmin",
            `${name}-admin`,
            { appInstanceArn, appInstanceAdminArn: outputOf(adminUser, "arn") },
            children,
        );
        return {
            children: { appInstance, adminUser, admin },
            outputs: { appInstanceArn, bearerArn: outputOf(admin, "appInstanceAdminArn") },
        };
    },
};
