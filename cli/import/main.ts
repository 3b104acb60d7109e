import { Command } from "commander";
import { Api } from "../../provider/api";
import { isAppInstanceArn, parentAppInstanceArn } from "../../provider/resources/shared/chime-arns";
import { Discovery, Report } from "./discover";
import { programFor } from "./program";

/**
 * The `chime-import` command: prints on stdout a TypeScript Pulumi program that declares everything under an
 * app instance, each resource with its `import` option; says on stderr what it found and what it could not read.
 * Region, endpoint (AWS_ENDPOINT_URL) and credentials come from the standard AWS environment.
 */

export function command(): Command {
    return new Command("chime-import")
        .description(
            "Print a TypeScript Pulumi program (index.ts) that declares everything under an Amazon Chime SDK app instance, " +
                "each resource with its `import` option, to bring an existing backend under management.",
        )
        .requiredOption("--app-instance-arn <arn>", "the app instance to import")
        .requiredOption(
            "--bearer <arn>",
            "the app instance user (an app instance admin sees everything) that the calls are made as",
        )
        .addHelpText(
            "after",
            "\nRegion, endpoint (AWS_ENDPOINT_URL) and credentials come from the standard AWS environment.",
        );
}

const stderrReport: Report = {
    found: (what) => process.stderr.write(`chime-import: found ${what}\n`),
    unreadable: (what, why) => process.stderr.write(`chime-import: could not read ${what}: ${why}\n`),
};

export async function main(argv: string[]): Promise<void> {
    const cli = command().parse(argv, { from: "user" });
    const options = cli.opts<{ appInstanceArn: string; bearer: string }>();
    if (!isAppInstanceArn(options.appInstanceArn)) {
        cli.error(`error: --app-instance-arn must be an app instance ARN (got ${options.appInstanceArn})`);
    }
    if (parentAppInstanceArn(options.bearer) !== options.appInstanceArn) {
        cli.error(`error: --bearer must be a user of ${options.appInstanceArn} (got ${options.bearer})`);
    }
    try {
        const backend = await new Discovery(
            new Api("chime-import"),
            options.appInstanceArn,
            options.bearer,
            stderrReport,
        ).run();
        process.stdout.write(programFor(backend, options.bearer));
    } catch (error) {
        process.stderr.write(`chime-import: ${(error as Error).message}\n`);
        process.exitCode = 1;
    }
}
