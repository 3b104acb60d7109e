import * as pulumi from "@pulumi/pulumi";
import { AppInstance, AppInstanceArgs } from "../app-instance";
import { AppInstanceAdmin, AppInstanceAdminArgs } from "../app-instance-admin";
import { AppInstanceUser, AppInstanceUserArgs } from "../app-instance-user";

export interface AppInstanceWithAdminArgs extends AppInstanceArgs {
    /** The admin user: by default `{appInstanceUserId: "admin"}`, named after the component's `<name>-admin`. */
    admin?: Omit<AppInstanceUserArgs, "appInstanceArn">;
}

/**
 * How the component makes its children: with this SDK's classes (the class below), or as the native plugin's
 * resources (its `construct`), so that the rules of the component are written once.
 */
export interface AppInstanceWithAdminChildren<
    I extends { arn: pulumi.Output<string> },
    U extends { arn: pulumi.Output<string> },
    A extends { appInstanceAdminArn: pulumi.Output<string> },
> {
    appInstance(name: string, args: AppInstanceArgs, opts: pulumi.CustomResourceOptions): I;
    appInstanceUser(name: string, args: AppInstanceUserArgs, opts: pulumi.CustomResourceOptions): U;
    appInstanceAdmin(name: string, args: AppInstanceAdminArgs, opts: pulumi.CustomResourceOptions): A;
}

/** The children of an AppInstanceWithAdmin named `name` under `parent`, and its outputs. */
export function appInstanceWithAdminChildren<
    I extends { arn: pulumi.Output<string> },
    U extends { arn: pulumi.Output<string> },
    A extends { appInstanceAdminArn: pulumi.Output<string> },
>(name: string, args: AppInstanceWithAdminArgs, parent: pulumi.Resource, make: AppInstanceWithAdminChildren<I, U, A>) {
    const { admin: adminArgs, ...appInstanceArgs } = args;
    const children = { parent };
    const appInstance = make.appInstance(name, appInstanceArgs, children);
    const adminUser = make.appInstanceUser(
        `${name}-admin`,
        { appInstanceUserId: "admin", ...adminArgs, appInstanceArn: appInstance.arn },
        children,
    );
    const admin = make.appInstanceAdmin(
        `${name}-admin`,
        { appInstanceArn: appInstance.arn, appInstanceAdminArn: adminUser.arn },
        children,
    );
    return { appInstance, adminUser, admin, appInstanceArn: appInstance.arn, bearerArn: admin.appInstanceAdminArn };
}

/**
 * An app instance with an admin: the AppInstance, an AppInstanceUser and the AppInstanceAdmin that promotes it.
 * `bearerArn` is the admin's ARN as the AppInstanceAdmin answers it, so a channel resource that takes it as its
 * `chimeBearer` waits until the user really is an admin, with no `dependsOn`.
 *
 * Children: the AppInstance is named like the component, the user and the admin `<name>-admin`.
 */
export class AppInstanceWithAdmin extends pulumi.ComponentResource {
    readonly appInstance: AppInstance;
    readonly adminUser: AppInstanceUser;
    readonly admin: AppInstanceAdmin;
    /** The app instance ARN. */
    readonly appInstanceArn: pulumi.Output<string>;
    /** The ARN to pass as `chimeBearer`: the admin user's, known once it is an AppInstanceAdmin. */
    readonly bearerArn: pulumi.Output<string>;

    constructor(name: string, args: AppInstanceWithAdminArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("chime:index:AppInstanceWithAdmin", name, {}, opts);
        const built = appInstanceWithAdminChildren(name, args, this, {
            appInstance: (n, a, o) => new AppInstance(n, a, o),
            appInstanceUser: (n, a, o) => new AppInstanceUser(n, a, o),
            appInstanceAdmin: (n, a, o) => new AppInstanceAdmin(n, a, o),
        });
        this.appInstance = built.appInstance;
        this.adminUser = built.adminUser;
        this.admin = built.admin;
        this.appInstanceArn = built.appInstanceArn;
        this.bearerArn = built.bearerArn;
        this.registerOutputs({ appInstanceArn: this.appInstanceArn, bearerArn: this.bearerArn });
    }
}
