import { Global, Logger, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { cryptoConfig } from '../config/crypto.config';
import { KeyRing, loadKeys } from './key-ring';
import { loadSodium, SODIUM, sodiumProvider } from './sodium.provider';

@Global()
@Module({
  providers: [
    sodiumProvider,
    {
      provide: KeyRing,
      inject: [cryptoConfig.KEY],
      useFactory: async (config: ConfigType<typeof cryptoConfig>) => {
        const sodium = await loadSodium();
        const loaded = loadKeys(config);
        if (loaded.createdFile) {
          new Logger('Keys').warn(
            `DEVELOPMENT KEYS CREATED at ${loaded.createdFile} (mode 0600). Back this file up: without it the ` +
              'encrypted data cannot be read. Never use development keys in production.',
          );
        }
        return new KeyRing(sodium, loaded.contents);
      },
    },
  ],
  exports: [SODIUM, KeyRing],
})
export class CryptoModule {}
