import { isNotFound } from "../../errors";

/** The result of a call about a resource, or undefined when the resource is gone (NotFound). */
export async function unlessGone<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
        return await call();
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}

/** A delete that finds the resource already gone has nothing left to do. */
export async function deleteUnlessGone(call: () => Promise<unknown>): Promise<void> {
    await unlessGone(call);
}
