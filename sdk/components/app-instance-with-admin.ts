import * as pulumi from "@pulumi/pulumi";
import { AppInstance, AppInstanceArgs } from "../app-instance";
import { AppInstanceAdmin } from "../app-instance-admin";
import { AppInstanceUser, AppInstanceUserArgs } from "../app-instance-user";

export interface AppInstanceWithAdminArgs extends AppInstanceArgs {
    /** The admin user: by default `{appInstanceUserId: "admin"}`, named after the component's `<name>-admin`. */
    admin?: Omit<AppInstanceUserArgs, "appInstanceArn">;
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
        const { admin: adminArgs, ...appInstanceArgs } = args;
        const children = { parent: this };
        this.appInstance = new AppInstance(name, appInstanceArgs, children);
        this.adminUser = new AppInstanceUser(
            `${name}-admin`,
            { appInstanceUserId: "admin", ...adminArgs, appInstanceArn: this.appInstance.arn },
            children,
        );
        this.admin = new AppInstanceAdmin(
            `${name}-admin`,
            { appInstanceArn: this.appInstance.arn, appInstanceAdminArn: this.adminUser.arn },
            children,
        );
        this.appInstanceArn = this.appInstance.arn;
        this.bearerArn = this.admin.appInstanceAdminArn;
        this.registerOutputs({ appInstanceArn: this.appInstanceArn, bearerArn: this.bearerArn });
    }
}
