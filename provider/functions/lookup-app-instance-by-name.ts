import { ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import { configuredRegion } from "../aws";
import { REGION_RULE } from "./arn-rules";
import type { FunctionDeclaration } from "./function";
import { getAppInstance } from "./resource-getters";

/**
 * The one app instance of a name in a region, for a stack that builds on an app instance made elsewhere. Not
 * `lookupAppInstance`: Pulumi's Go generator names getAppInstance `LookupAppInstance` (every getX of a resource X
 * is LookupX in Go, as in pulumi-aws-native), and the two would clash there.
 */
export const lookupAppInstanceByName: FunctionDeclaration = {
    name: "lookupAppInstanceByName",
    description:
        "The app instance of the given name in a region: exactly one must have it, or the call fails saying how " +
        "many do. Its properties as a resource's outputs hold them.",
    args: {
        name: { doc: "The app instance's name.", required: true },
        region: { doc: "The region to look in; by default the configured one.", rule: REGION_RULE },
    },
    result: { resource: "AppInstance" },
    async run(api, args) {
        const region = (args.region as string | undefined) ?? (await configuredRegion());
        const arns: string[] = [];
        let NextToken: string | undefined;
        do {
            const command = new ListAppInstancesCommand({ MaxResults: 50, NextToken });
            const page = await api.send("identity", command, undefined, region);
            for (const instance of page.AppInstances ?? [])
                if (instance.Name === args.name) arns.push(instance.AppInstanceArn!);
            NextToken = page.NextToken;
        } while (NextToken);
        if (arns.length !== 1) {
            const which = arns.length > 0 ? ` (${arns.join(", ")})` : "";
            throw new Error(
                `lookupAppInstanceByName: ${arns.length} app instances are named ${JSON.stringify(args.name)} in ${region}${which}; exactly one must be`,
            );
        }
        return getAppInstance.run(api, { arn: arns[0] });
    },
};
