import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Language } from '../web/i18n';
import { User } from './entities/user.entity';

/** What a person chooses for themselves and keeps from one computer to the next: the language. */
@Injectable()
export class AccountPreferences {
  constructor(private readonly dataSource: DataSource) {}

  async languageOf(userId: string): Promise<Language | null> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId }, select: { id: true, language: true } });
    return user?.language ?? null;
  }

  async setLanguage(userId: string, language: Language): Promise<void> {
    await this.dataSource.getRepository(User).update({ id: userId }, { language });
  }
}
