/**
 * The divisions every deployment starts with: Guangdong, its 21 prefecture-level cities, and the districts and
 * counties of 河源市, whose 源城区 is the demo district. Further districts are added by a province admin
 * (POST /api/admin/divisions) or loaded in bulk (the fleet's province profile), so this list stays short enough to
 * check against the published code table by eye.
 */
import { type Division, PROVINCE_CODE } from '../contract/divisions'

/** Seeded at start when missing (an admin's renaming is kept). */
export const GUANGDONG_DIVISIONS: readonly Division[] = [
  { code: PROVINCE_CODE, nameZh: '广东省', nameEn: 'Guangdong' },
  { code: '440100', nameZh: '广州市', nameEn: 'Guangzhou' },
  { code: '440200', nameZh: '韶关市', nameEn: 'Shaoguan' },
  { code: '440300', nameZh: '深圳市', nameEn: 'Shenzhen' },
  { code: '440400', nameZh: '珠海市', nameEn: 'Zhuhai' },
  { code: '440500', nameZh: '汕头市', nameEn: 'Shantou' },
  { code: '440600', nameZh: '佛山市', nameEn: 'Foshan' },
  { code: '440700', nameZh: '江门市', nameEn: 'Jiangmen' },
  { code: '440800', nameZh: '湛江市', nameEn: 'Zhanjiang' },
  { code: '440900', nameZh: '茂名市', nameEn: 'Maoming' },
  { code: '441200', nameZh: '肇庆市', nameEn: 'Zhaoqing' },
  { code: '441300', nameZh: '惠州市', nameEn: 'Huizhou' },
  { code: '441400', nameZh: '梅州市', nameEn: 'Meizhou' },
  { code: '441500', nameZh: '汕尾市', nameEn: 'Shanwei' },
  { code: '441600', nameZh: '河源市', nameEn: 'Heyuan' },
  { code: '441700', nameZh: '阳江市', nameEn: 'Yangjiang' },
  { code: '441800', nameZh: '清远市', nameEn: 'Qingyuan' },
  { code: '441900', nameZh: '东莞市', nameEn: 'Dongguan' },
  { code: '442000', nameZh: '中山市', nameEn: 'Zhongshan' },
  { code: '445100', nameZh: '潮州市', nameEn: 'Chaozhou' },
  { code: '445200', nameZh: '揭阳市', nameEn: 'Jieyang' },
  { code: '445300', nameZh: '云浮市', nameEn: 'Yunfu' },
  { code: '441602', nameZh: '源城区', nameEn: 'Yuancheng District' },
  { code: '441621', nameZh: '紫金县', nameEn: 'Zijin County' },
  { code: '441622', nameZh: '龙川县', nameEn: 'Longchuan County' },
  { code: '441623', nameZh: '连平县', nameEn: 'Lianping County' },
  { code: '441624', nameZh: '和平县', nameEn: 'Heping County' },
  { code: '441625', nameZh: '东源县', nameEn: 'Dongyuan County' },
]
