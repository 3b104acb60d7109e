import * as fs from "fs";
import { Command } from "commander";
import { report } from "./markdown";
import { parsePreview } from "./preview";

/**
 * The `chime-preview-report` command: reads the JSON of `pulumi preview --json` (a file, or standard input) and
 * prints a Markdown report for a pull-request comment. With --fail-on-data-loss it exits 2 when a change destroys
 * data, so CI can require an explicit approval; 1 when the input cannot be read.
 */

export const DATA_LOSS_EXIT_CODE = 2;

export function command(): Command {
    return new Command("chime-preview-report")
        .description(
            "Print a Markdown report of `pulumi preview --json` for a pull-request comment, with a data-loss section.",
        )
        .argument("[file]", "the JSON that `pulumi preview --json` printed (default: standard input)")
        .option("--fail-on-data-loss", `exit ${DATA_LOSS_EXIT_CODE} when any change destroys data`)
        .option("--no-diagram", "leave out the Mermaid diagram of what changes");
}

export function main(argv: string[]): void {
    const cli = command().parse(argv, { from: "user" });
    const [file] = cli.args;
    const { failOnDataLoss, diagram } = cli.opts<{ failOnDataLoss?: boolean; diagram: boolean }>();
    let result;
    try {
        result = report(parsePreview(fs.readFileSync(file ?? 0, "utf8")), { diagram });
    } catch (error) {
        process.stderr.write(`chime-preview-report: ${(error as Error).message}\n`);
        process.exit(1);
    }
    process.stdout.write(result.markdown);
    if (failOnDataLoss && result.dataLoss.length > 0) process.exitCode = DATA_LOSS_EXIT_CODE;
}
