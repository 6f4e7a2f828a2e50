const END_TIMEOUT_MS = 2000;

/**
 * Whether `ending` (a pool's end()) settled within 2 s. A pool waits for every connection it
 * handed out; one a test left in a transaction would keep it waiting for ever.
 */
export async function endWithin(ending: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), END_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      ending.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
