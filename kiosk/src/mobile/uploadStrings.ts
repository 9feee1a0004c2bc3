/** The phone upload page's words (用手机拍照上传), Chinese and English: loaded with that page only. */
import type { MobileLang } from './strings'

const zh = {
  brand: '手机拍照上传',
  switchTo: 'English',
  loading: '正在打开…',
  lead: '请为以下每项材料拍照上传，可以拍多张。上传的照片会马上显示在自助终端上，请回到终端继续办理。',
  required: '必需',
  optional: '非必需',
  take: '拍照或选择照片',
  uploaded: '已上传 {count} 张',
  compressing: '正在处理第 {n} 张照片…',
  uploading: '正在上传第 {n} 张照片…',
  done: '已上传，请在终端上查看',
  validUntil: '本页面 {time} 前有效',
  refusedTitle: '无法打开上传页面',
  refusedBody: '二维码可能不完整。请重新扫描自助终端上显示的二维码。',
  usedTitle: '此二维码已在另一部手机上打开',
  usedBody: '每个二维码只能在一部手机上使用。如需换一部手机，请在终端上重新生成二维码。',
  endedTitle: '终端上的办理已结束',
  endedBody: '此二维码已失效，照片不会再被接收。',
  expiredTitle: '二维码已过期',
  expiredBody: '请在终端上重新生成二维码后再扫码。',
  failedTitle: '暂时无法连接',
  failedBody: '请检查网络后重试。',
  retry: '重试',
  errNotImage: '这张照片无法识别，请重新拍照（支持 JPG、PNG 照片）。',
  errTooMany: '这项办理上传的照片已达上限，请在终端上删除不需要的照片后再传。',
  errUpload: '上传失败，请重试。',
}

/** The page's message keys. */
export type UploadStrings = typeof zh

const en: UploadStrings = {
  brand: 'Upload from your phone',
  switchTo: '中文',
  loading: 'Opening…',
  lead: 'Take a photo of each document below; you may take several. Photos appear on the terminal at once: go back to it to continue.',
  required: 'Required',
  optional: 'Optional',
  take: 'Take or choose photos',
  uploaded: '{count} uploaded',
  compressing: 'Preparing photo {n}…',
  uploading: 'Uploading photo {n}…',
  done: 'Uploaded: check it on the terminal',
  validUntil: 'This page works until {time}',
  refusedTitle: 'The upload page cannot be opened',
  refusedBody: 'The QR code may be incomplete. Scan the code shown on the terminal again.',
  usedTitle: 'This code was opened on another phone',
  usedBody: 'Each code works on one phone only. To use another phone, make a new code on the terminal.',
  endedTitle: 'The session at the terminal has ended',
  endedBody: 'This code no longer works and takes no more photos.',
  expiredTitle: 'The code has expired',
  expiredBody: 'Make a new code on the terminal and scan it again.',
  failedTitle: 'Cannot connect right now',
  failedBody: 'Check your connection and try again.',
  retry: 'Try again',
  errNotImage: 'This photo cannot be read. Take it again (JPG or PNG photos).',
  errTooMany:
    'This application has as many photos as it can take. Remove the ones you do not need on the terminal first.',
  errUpload: 'The upload failed. Please try again.',
}

/** Both dictionaries. */
export const UPLOAD_STRINGS: Record<MobileLang, UploadStrings> = { zh, en }
