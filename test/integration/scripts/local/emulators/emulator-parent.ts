// Child process for the no-orphan test: starts both emulators, prints their pids, then waits to be killed.
import { startEmulators } from '../../../../../scripts/local/emulators';

startEmulators({ logSuffix: `orphan-${process.pid}` }).then(
  (emulators) => console.log(JSON.stringify({ moto: emulators.moto.pid, kinesisLocal: emulators.kinesisLocal?.pid })),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
