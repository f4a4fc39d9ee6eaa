import { Module } from '@nestjs/common';
import { AuthModule } from '../../core/auth/auth.module';
import { OrganisationsModule } from '../organisations';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { UsersPagesController } from './pages/users.pages.controller';

@Module({
  imports: [AuthModule, OrganisationsModule],
  controllers: [UsersController, UsersPagesController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
