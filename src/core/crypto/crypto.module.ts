import { Global, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { cryptoConfig } from '../config/crypto.config';
import { AttachmentCipher } from './attachment-cipher';
import { BlindIndex } from './blind-index/blind-index';
import { planBlindIndex } from './blind-index/planner';
import { DataKeyRepository } from './data-key.repository';
import { DataKey } from './entities/data-key.entity';
import { Envelope } from './envelope';
import { FieldCipher } from './field-cipher';
import { KeyRing, loadKeys } from './key-ring';
import { KeyRotationService } from './key-rotation.service';
import { KeysController } from './keys.controller';
import { NoteCipher } from './note-cipher';
import { KeysPagesController } from './pages/keys.pages.controller';
import { RecordSealer } from './record-sealer';
import { loadSodium, SODIUM, sodiumProvider } from './sodium.provider';
import type { Sodium } from './sodium.provider';

/** Registers the data keys with rotation and re-reads the key file on SIGHUP (docs/operations.md#keys). */
class KeyLifecycle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Keys');
  private readonly onHangUp = () => this.reloadKeys();

  constructor(
    private readonly keys: KeyRing,
    private readonly rotation: KeyRotationService,
    private readonly dataKeys: DataKeyRepository,
  ) {}

  onModuleInit(): void {
    this.rotation.register(this.dataKeys);
    process.on('SIGHUP', this.onHangUp);
  }

  onModuleDestroy(): void {
    process.off('SIGHUP', this.onHangUp);
  }

  private reloadKeys(): void {
    try {
      if (this.keys.reload()) {
        this.logger.log(
          `key file re-read: versions ${this.keys.versions.join(', ')}, active ${this.keys.activeVersion}`,
        );
      } else {
        this.logger.warn('SIGHUP: the keys come from PANOH_KEYS and cannot be re-read; restart to change them');
      }
    } catch (error) {
      this.logger.error(
        `the key file could not be re-read; the keys in use are unchanged: ${(error as Error).message}`,
      );
    }
  }
}

/** The table this module maps (composed with every other module's in src/data-source.ts). */
export const KEY_ENTITIES = [DataKey];

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(KEY_ENTITIES)],
  controllers: [KeysController, KeysPagesController],
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
        return new KeyRing(sodium, loaded.contents, loaded.source);
      },
    },
    { provide: FieldCipher, inject: [SODIUM], useFactory: (sodium: Sodium) => new FieldCipher(sodium) },
    {
      provide: AttachmentCipher,
      inject: [SODIUM, FieldCipher],
      useFactory: (sodium: Sodium, fields: FieldCipher) => new AttachmentCipher(sodium, fields),
    },
    {
      provide: NoteCipher,
      inject: [SODIUM, FieldCipher],
      useFactory: (sodium: Sodium, fields: FieldCipher) => new NoteCipher(sodium, fields),
    },
    { provide: Envelope, inject: [KeyRing], useFactory: (keys: KeyRing) => new Envelope(keys) },
    {
      provide: BlindIndex,
      inject: [SODIUM, KeyRing, cryptoConfig.KEY],
      useFactory: (sodium: Sodium, keys: KeyRing, config: ConfigType<typeof cryptoConfig>) =>
        new BlindIndex(sodium, keys, planBlindIndex(config.blindIndexPopulation).bits),
    },
    DataKeyRepository,
    RecordSealer,
    KeyRotationService,
    {
      provide: KeyLifecycle,
      inject: [KeyRing, KeyRotationService, DataKeyRepository],
      useFactory: (keys: KeyRing, rotation: KeyRotationService, dataKeys: DataKeyRepository) =>
        new KeyLifecycle(keys, rotation, dataKeys),
    },
  ],
  exports: [
    SODIUM,
    KeyRing,
    FieldCipher,
    AttachmentCipher,
    NoteCipher,
    Envelope,
    BlindIndex,
    DataKeyRepository,
    RecordSealer,
    KeyRotationService,
  ],
})
export class CryptoModule {}
