import { Module } from '@nestjs/common';
import { AuthModule } from '../../core/auth/auth.module';
import { OrganisationsModule } from '../organisations';
import { StaffController } from './staff.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { StaffPagesController } from './pages/staff.pages.controller';
import { UsersPagesController } from './pages/users.pages.controller';

@Module({
  imports: [AuthModule, OrganisationsModule],
  controllers: [UsersController, StaffController, UsersPagesController, StaffPagesController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
