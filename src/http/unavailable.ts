/** Seconds a client is asked to wait before trying again when the database cannot answer. */
export const RETRY_AFTER_SECONDS = 5;

/** Whether `work` succeeds within `ms`; a late or failed answer is false (and its failure is handled). */
export function succeedsWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const outcome = work.then(
    () => true,
    () => false,
  );
  return Promise.race([outcome, deadline]).finally(() => clearTimeout(timer));
}
