import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HttpApiModule } from '@ledger/http';
import { ProjectionsModule } from '@ledger/projections';
import { CommandForms } from './console/command-forms';
import { DocumentUploadController } from './console/document-upload.controller';
import { FormRecorder } from './console/form-recording';
import { MeetingConsoleController } from './console/meeting-console.controller';
import { RecordController } from './console/record.controller';
import { SignInController } from './console/sign-in.controller';
import { AuditPagesController } from './pages/audit.controller';
import { VerifyPageController } from './pages/verify.controller';
import { PageRenderer } from './pages/page-renderer';
import { ProblemPages } from './pages/problem-pages';
import { PublicPagesController } from './pages/public.controller';
import { RegisterPagesController } from './pages/register.controller';
import { SessionStore } from './session/session.store';
import { WebCaller } from './session/web-caller';
import { LedgerReader } from './view-models/ledger-reader';

/** The web: pages over the same QueryBus and recording path as the JSON API. */
@Module({
  imports: [CqrsModule, HttpApiModule, ProjectionsModule],
  controllers: [
    PublicPagesController,
    RegisterPagesController,
    SignInController,
    RecordController,
    MeetingConsoleController,
    DocumentUploadController,
    AuditPagesController,
    VerifyPageController,
  ],
  providers: [CommandForms, FormRecorder, SessionStore, WebCaller, PageRenderer, ProblemPages, LedgerReader],
})
export class WebModule {}
