import{$ as e,$t as t,Bt as n,Ct as r,Dt as i,Ft as a,Gt as o,J as s,K as c,P as l,Q as u,T as d,U as f,Ut as p,V as m,Vt as h,W as g,Y as _,_ as v,_n as y,at as b,b as x,bt as S,cn as C,ct as w,dt as T,et as E,f as D,gt as O,ht as k,i as A,ln as j,m as ee,n as M,nt as N,on as te,ot as P,q as F,t as ne,ut as I,vt as L,w as R,yt as z}from"./index-sxPZiDkZ.js";import{a as B,f as V,n as re,r as ie,t as H}from"./datatable-I_Nhouxz.js";import{t as ae}from"./inputtext-DIF2KPrg.js";import{t as oe}from"./tag-CkqKDrxp.js";import{t as se}from"./EmptyState-fjp1Suyb.js";import{t as U}from"./ErrorNotice-9LcWJiYO.js";import{t as W}from"./RelativeTime-Bcmoeo03.js";var G=l.extend({name:`tab`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-tab`,{"p-tab-active":t.active,"p-disabled":n.disabled}]}}}),K={name:`Tab`,extends:{name:`BaseTab`,extends:d,props:{value:{type:[String,Number],default:void 0},disabled:{type:Boolean,default:!1},as:{type:[String,Object],default:`BUTTON`},asChild:{type:Boolean,default:!1}},style:G,provide:function(){return{$pcTab:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`,`$pcTabList`],methods:{onFocus:function(){this.$pcTabs.selectOnFocus&&this.changeActiveValue()},onClick:function(){this.changeActiveValue()},onKeydown:function(e){switch(e.code){case`ArrowRight`:this.onArrowRightKey(e);break;case`ArrowLeft`:this.onArrowLeftKey(e);break;case`Home`:this.onHomeKey(e);break;case`End`:this.onEndKey(e);break;case`PageDown`:this.onPageDownKey(e);break;case`PageUp`:this.onPageUpKey(e);break;case`Enter`:case`NumpadEnter`:case`Space`:this.onEnterKey(e)}},onArrowRightKey:function(e){var t=this.findNextTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onHomeKey(e),e.preventDefault()},onArrowLeftKey:function(e){var t=this.findPrevTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onEndKey(e),e.preventDefault()},onHomeKey:function(e){var t=this.findFirstTab();this.changeFocusedTab(e,t),e.preventDefault()},onEndKey:function(e){var t=this.findLastTab();this.changeFocusedTab(e,t),e.preventDefault()},onPageDownKey:function(e){this.scrollInView(this.findLastTab()),e.preventDefault()},onPageUpKey:function(e){this.scrollInView(this.findFirstTab()),e.preventDefault()},onEnterKey:function(e){this.changeActiveValue()},findNextTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.nextElementSibling;return t?n(t,`data-p-disabled`)||n(t,`data-pc-section`)===`activebar`?this.findNextTab(t):C(t,`[data-pc-name="tab"]`):null},findPrevTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.previousElementSibling;return t?n(t,`data-p-disabled`)||n(t,`data-pc-section`)===`activebar`?this.findPrevTab(t):C(t,`[data-pc-name="tab"]`):null},findFirstTab:function(){return this.findNextTab(this.$pcTabList.$refs.tabs.firstElementChild,!0)},findLastTab:function(){return this.findPrevTab(this.$pcTabList.$refs.tabs.lastElementChild,!0)},changeActiveValue:function(){this.$pcTabs.updateValue(this.value)},changeFocusedTab:function(e,n){t(n),this.scrollInView(n)},scrollInView:function(e){var t;e==null||(t=e.scrollIntoView)==null||t.call(e,{block:`nearest`})}},computed:{active:function(){return y(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},ariaControls:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},attrs:function(){return N(this.asAttrs,this.a11yAttrs,this.ptmi(`root`,this.ptParams))},asAttrs:function(){return this.as===`BUTTON`?{type:`button`,disabled:this.disabled}:void 0},a11yAttrs:function(){return{id:this.id,tabindex:this.active?this.$pcTabs.tabindex:-1,role:`tab`,"aria-selected":this.active,"aria-controls":this.ariaControls,"data-pc-name":`tab`,"data-p-disabled":this.disabled,"data-p-active":this.active,onFocus:this.onFocus,onKeydown:this.onKeydown}},ptParams:function(){return{context:{active:this.active}}},dataP:function(){return j({active:this.active})}},directives:{ripple:x}};K.render=function(e,t,n,r,i,a){var o=I(`ripple`);return e.asChild?w(e.$slots,`default`,{key:1,dataP:a.dataP,class:S(e.cx(`root`)),active:a.active,a11yAttrs:a.a11yAttrs,onClick:a.onClick}):O((P(),F(T(e.as),N({key:0,class:e.cx(`root`),"data-p":a.dataP,onClick:a.onClick},a.attrs),{default:k(function(){return[w(e.$slots,`default`)]}),_:3},16,[`class`,`data-p`,`onClick`])),[[o]])};var q={name:`ChevronLeftIcon`,extends:R};function ce(e){return fe(e)||de(e)||ue(e)||le()}function le(){throw TypeError(`Invalid attempt to spread non-iterable instance.
In order to be iterable, non-array objects must have a [Symbol.iterator]() method.`)}function ue(e,t){if(e){if(typeof e==`string`)return J(e,t);var n={}.toString.call(e).slice(8,-1);return n===`Object`&&e.constructor&&(n=e.constructor.name),n===`Map`||n===`Set`?Array.from(e):n===`Arguments`||/^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(n)?J(e,t):void 0}}function de(e){if(typeof Symbol<`u`&&e[Symbol.iterator]!=null||e[`@@iterator`]!=null)return Array.from(e)}function fe(e){if(Array.isArray(e))return J(e)}function J(e,t){(t==null||t>e.length)&&(t=e.length);for(var n=0,r=Array(t);n<t;n++)r[n]=e[n];return r}q.render=function(e,t,n,r,i,a){return P(),_(`svg`,N({width:`14`,height:`14`,viewBox:`0 0 14 14`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},e.pti()),ce(t[0]||=[c(`path`,{d:`M9.61296 13C9.50997 13.0005 9.40792 12.9804 9.3128 12.9409C9.21767 12.9014 9.13139 12.8433 9.05902 12.7701L3.83313 7.54416C3.68634 7.39718 3.60388 7.19795 3.60388 6.99022C3.60388 6.78249 3.68634 6.58325 3.83313 6.43628L9.05902 1.21039C9.20762 1.07192 9.40416 0.996539 9.60724 1.00012C9.81032 1.00371 10.0041 1.08597 10.1477 1.22959C10.2913 1.37322 10.3736 1.56698 10.3772 1.77005C10.3808 1.97313 10.3054 2.16968 10.1669 2.31827L5.49496 6.99022L10.1669 11.6622C10.3137 11.8091 10.3962 12.0084 10.3962 12.2161C10.3962 12.4238 10.3137 12.6231 10.1669 12.7701C10.0945 12.8433 10.0083 12.9014 9.91313 12.9409C9.81801 12.9804 9.71596 13.0005 9.61296 13Z`,fill:`currentColor`},null,-1)]),16)};var pe=l.extend({name:`tablist`,classes:{root:`p-tablist`,content:`p-tablist-content p-tablist-viewport`,tabList:`p-tablist-tab-list`,activeBar:`p-tablist-active-bar`,prevButton:`p-tablist-prev-button p-tablist-nav-button`,nextButton:`p-tablist-next-button p-tablist-nav-button`}}),Y={name:`TabList`,extends:{name:`BaseTabList`,extends:d,props:{},style:pe,provide:function(){return{$pcTabList:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],data:function(){return{isPrevButtonEnabled:!1,isNextButtonEnabled:!0}},resizeObserver:void 0,inkBarObserver:void 0,watch:{showNavigators:function(e){e?this.bindResizeObserver():this.unbindResizeObserver()},activeValue:{flush:`post`,handler:function(){this.updateInkBar(),this.bindInkBarObserver()}}},mounted:function(){var e=this;setTimeout(function(){e.updateInkBar(),e.bindInkBarObserver()},150),this.showNavigators&&(this.updateButtonState(),this.bindResizeObserver())},updated:function(){this.showNavigators&&this.updateButtonState()},beforeUnmount:function(){this.unbindResizeObserver(),this.unbindInkBarObserver()},methods:{onScroll:function(e){this.showNavigators&&this.updateButtonState(),e.preventDefault()},onPrevButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=h(e)-t,r=Math.abs(e.scrollLeft)-n*.8,i=Math.max(r,0);e.scrollLeft=o(e)?-1*i:i},onNextButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=h(e)-t,r=Math.abs(e.scrollLeft)+n*.8,i=e.scrollWidth-n,a=Math.min(r,i);e.scrollLeft=o(e)?-1*a:a},bindResizeObserver:function(){var e=this;this.resizeObserver=new ResizeObserver(function(){return e.updateButtonState()}),this.resizeObserver.observe(this.$refs.list)},unbindResizeObserver:function(){var e;(e=this.resizeObserver)==null||e.unobserve(this.$refs.list),this.resizeObserver=void 0},bindInkBarObserver:function(){var e=this;this.unbindInkBarObserver();var t=this.$refs.content,n=C(t,`[data-pc-name="tab"][data-p-active="true"]`);n&&(this.inkBarObserver=new ResizeObserver(function(){return e.updateInkBar()}),this.inkBarObserver.observe(n))},unbindInkBarObserver:function(){var e;(e=this.inkBarObserver)==null||e.disconnect(),this.inkBarObserver=void 0},updateInkBar:function(){var e=this.$refs,t=e.content,n=e.inkbar,r=e.tabs;if(n){var o=C(t,`[data-pc-name="tab"][data-p-active="true"]`);this.$pcTabs.isVertical()?(n.style.height=i(o)+`px`,n.style.top=a(o).top-a(r).top+`px`):(n.style.width=te(o)+`px`,n.style.left=a(o).left-a(r).left+`px`)}},updateButtonState:function(){var e=this.$refs,t=e.list,n=e.content,r=n.scrollTop,i=n.scrollWidth,a=n.scrollHeight,o=n.offsetWidth,s=n.offsetHeight,c=Math.abs(n.scrollLeft),l=[h(n),p(n)],u=l[0],d=l[1];this.$pcTabs.isVertical()?(this.isPrevButtonEnabled=r!==0,this.isNextButtonEnabled=t.offsetHeight>=s&&parseInt(r)!==a-d):(this.isPrevButtonEnabled=c!==0,this.isNextButtonEnabled=t.offsetWidth>=o&&parseInt(c)!==i-u)},getVisibleButtonWidths:function(){var e=this.$refs,t=e.prevButton,n=e.nextButton,r=0;return this.showNavigators&&(r=(t?.offsetWidth||0)+(n?.offsetWidth||0)),r}},computed:{templates:function(){return this.$pcTabs.$slots},activeValue:function(){return this.$pcTabs.d_value},showNavigators:function(){return this.$pcTabs.showNavigators},prevButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.previous:void 0},nextButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.next:void 0},dataP:function(){return j({scrollable:this.$pcTabs.scrollable})}},components:{ChevronLeftIcon:q,ChevronRightIcon:ie},directives:{ripple:x}},me=[`data-p`],he=[`aria-label`,`tabindex`],ge=[`data-p`],_e=[`aria-orientation`],ve=[`aria-label`,`tabindex`];Y.render=function(e,t,n,r,i,a){var o=I(`ripple`);return P(),_(`div`,N({ref:`list`,class:e.cx(`root`),"data-p":a.dataP},e.ptmi(`root`)),[a.showNavigators&&i.isPrevButtonEnabled?O((P(),_(`button`,N({key:0,ref:`prevButton`,type:`button`,class:e.cx(`prevButton`),"aria-label":a.prevButtonAriaLabel,tabindex:a.$pcTabs.tabindex,onClick:t[0]||=function(){return a.onPrevButtonClick&&a.onPrevButtonClick.apply(a,arguments)}},e.ptm(`prevButton`),{"data-pc-group-section":`navigator`}),[(P(),F(T(a.templates.previcon||`ChevronLeftIcon`),N({"aria-hidden":`true`},e.ptm(`prevIcon`)),null,16))],16,he)),[[o]]):s(``,!0),c(`div`,N({ref:`content`,class:e.cx(`content`),onScroll:t[1]||=function(){return a.onScroll&&a.onScroll.apply(a,arguments)},"data-p":a.dataP},e.ptm(`content`)),[c(`div`,N({ref:`tabs`,class:e.cx(`tabList`),role:`tablist`,"aria-orientation":a.$pcTabs.orientation||`horizontal`},e.ptm(`tabList`)),[w(e.$slots,`default`),c(`span`,N({ref:`inkbar`,class:e.cx(`activeBar`),role:`presentation`,"aria-hidden":`true`},e.ptm(`activeBar`)),null,16)],16,_e)],16,ge),a.showNavigators&&i.isNextButtonEnabled?O((P(),_(`button`,N({key:1,ref:`nextButton`,type:`button`,class:e.cx(`nextButton`),"aria-label":a.nextButtonAriaLabel,tabindex:a.$pcTabs.tabindex,onClick:t[2]||=function(){return a.onNextButtonClick&&a.onNextButtonClick.apply(a,arguments)}},e.ptm(`nextButton`),{"data-pc-group-section":`navigator`}),[(P(),F(T(a.templates.nexticon||`ChevronRightIcon`),N({"aria-hidden":`true`},e.ptm(`nextIcon`)),null,16))],16,ve)),[[o]]):s(``,!0)],16,me)};var ye=l.extend({name:`tabpanel`,classes:{root:function(e){return[`p-tabpanel`,{"p-tabpanel-active":e.instance.active}]}}}),X={name:`TabPanel`,extends:{name:`BaseTabPanel`,extends:d,props:{value:{type:[String,Number],default:void 0},as:{type:[String,Object],default:`DIV`},asChild:{type:Boolean,default:!1},header:null,headerStyle:null,headerClass:null,headerProps:null,headerActionProps:null,contentStyle:null,contentClass:null,contentProps:null,disabled:Boolean},style:ye,provide:function(){return{$pcTabPanel:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],computed:{active:function(){return y(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},ariaLabelledby:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},attrs:function(){return N(this.a11yAttrs,this.ptmi(`root`,this.ptParams))},a11yAttrs:function(){return{id:this.id,tabindex:this.$pcTabs?.tabindex,role:`tabpanel`,"aria-labelledby":this.ariaLabelledby,"data-pc-name":`tabpanel`,"data-p-active":this.active}},ptParams:function(){return{context:{active:this.active}}}}};X.render=function(e,t,n,r,i,a){var o,c;return a.$pcTabs?(P(),_(g,{key:1},[e.asChild?w(e.$slots,`default`,{key:1,class:S(e.cx(`root`)),active:a.active,a11yAttrs:a.a11yAttrs}):(P(),_(g,{key:0},[!((o=a.$pcTabs)!=null&&o.lazy)||a.active?O((P(),F(T(e.as),N({key:0,class:e.cx(`root`)},a.attrs),{default:k(function(){return[w(e.$slots,`default`)]}),_:3},16,[`class`])),[[m,(c=a.$pcTabs)!=null&&c.lazy?!0:a.active]]):s(``,!0)],64))],64)):w(e.$slots,`default`,{key:0})};var be=l.extend({name:`tabpanels`,classes:{root:`p-tabpanels`}}),Z={name:`TabPanels`,extends:{name:`BaseTabPanels`,extends:d,props:{},style:be,provide:function(){return{$pcTabPanels:this,$parentInstance:this}}},inheritAttrs:!1};Z.render=function(e,t,n,r,i,a){return P(),_(`div`,N({class:e.cx(`root`),role:`presentation`},e.ptmi(`root`)),[w(e.$slots,`default`)],16)};var xe=l.extend({name:`tabs`,style:`
    .p-tabs {
        display: flex;
        flex-direction: column;
    }

    .p-tablist {
        display: flex;
        position: relative;
        overflow: hidden;
        background: dt('tabs.tablist.background');
    }

    .p-tablist-viewport {
        overflow-x: auto;
        overflow-y: hidden;
        scroll-behavior: smooth;
        scrollbar-width: none;
        overscroll-behavior: contain auto;
    }

    .p-tablist-viewport::-webkit-scrollbar {
        display: none;
    }

    .p-tablist-tab-list {
        position: relative;
        display: flex;
        border-style: solid;
        border-color: dt('tabs.tablist.border.color');
        border-width: dt('tabs.tablist.border.width');
    }

    .p-tablist-content {
        flex-grow: 1;
    }

    .p-tablist-nav-button {
        all: unset;
        position: absolute !important;
        flex-shrink: 0;
        inset-block-start: 0;
        z-index: 2;
        height: 100%;
        display: flex;
        align-items: center;
        justify-content: center;
        background: dt('tabs.nav.button.background');
        color: dt('tabs.nav.button.color');
        width: dt('tabs.nav.button.width');
        transition:
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        box-shadow: dt('tabs.nav.button.shadow');
        outline-color: transparent;
        cursor: pointer;
    }

    .p-tablist-nav-button:focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.nav.button.focus.ring.shadow');
        outline: dt('tabs.nav.button.focus.ring.width') dt('tabs.nav.button.focus.ring.style') dt('tabs.nav.button.focus.ring.color');
        outline-offset: dt('tabs.nav.button.focus.ring.offset');
    }

    .p-tablist-nav-button:hover {
        color: dt('tabs.nav.button.hover.color');
    }

    .p-tablist-prev-button {
        inset-inline-start: 0;
    }

    .p-tablist-next-button {
        inset-inline-end: 0;
    }

    .p-tablist-prev-button:dir(rtl),
    .p-tablist-next-button:dir(rtl) {
        transform: rotate(180deg);
    }

    .p-tab {
        flex-shrink: 0;
        cursor: pointer;
        user-select: none;
        position: relative;
        border-style: solid;
        white-space: nowrap;
        gap: dt('tabs.tab.gap');
        background: dt('tabs.tab.background');
        border-width: dt('tabs.tab.border.width');
        border-color: dt('tabs.tab.border.color');
        color: dt('tabs.tab.color');
        padding: dt('tabs.tab.padding');
        font-weight: dt('tabs.tab.font.weight');
        transition:
            background dt('tabs.transition.duration'),
            border-color dt('tabs.transition.duration'),
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        margin: dt('tabs.tab.margin');
        outline-color: transparent;
    }

    .p-tab:not(.p-disabled):focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.tab.focus.ring.shadow');
        outline: dt('tabs.tab.focus.ring.width') dt('tabs.tab.focus.ring.style') dt('tabs.tab.focus.ring.color');
        outline-offset: dt('tabs.tab.focus.ring.offset');
    }

    .p-tab:not(.p-tab-active):not(.p-disabled):hover {
        background: dt('tabs.tab.hover.background');
        border-color: dt('tabs.tab.hover.border.color');
        color: dt('tabs.tab.hover.color');
    }

    .p-tab-active {
        background: dt('tabs.tab.active.background');
        border-color: dt('tabs.tab.active.border.color');
        color: dt('tabs.tab.active.color');
    }

    .p-tabpanels {
        background: dt('tabs.tabpanel.background');
        color: dt('tabs.tabpanel.color');
        padding: dt('tabs.tabpanel.padding');
        outline: 0 none;
    }

    .p-tabpanel:focus-visible {
        box-shadow: dt('tabs.tabpanel.focus.ring.shadow');
        outline: dt('tabs.tabpanel.focus.ring.width') dt('tabs.tabpanel.focus.ring.style') dt('tabs.tabpanel.focus.ring.color');
        outline-offset: dt('tabs.tabpanel.focus.ring.offset');
    }

    .p-tablist-active-bar {
        z-index: 1;
        display: block;
        position: absolute;
        inset-block-end: dt('tabs.active.bar.bottom');
        height: dt('tabs.active.bar.height');
        background: dt('tabs.active.bar.background');
        transition: 250ms cubic-bezier(0.35, 0, 0.25, 1);
    }
`,classes:{root:function(e){return[`p-tabs p-component`,{"p-tabs-scrollable":e.props.scrollable}]}}}),Q={name:`Tabs`,extends:{name:`BaseTabs`,extends:d,props:{value:{type:[String,Number],default:void 0},lazy:{type:Boolean,default:!1},scrollable:{type:Boolean,default:!1},showNavigators:{type:Boolean,default:!0},tabindex:{type:Number,default:0},selectOnFocus:{type:Boolean,default:!1}},style:xe,provide:function(){return{$pcTabs:this,$parentInstance:this}}},inheritAttrs:!1,emits:[`update:value`],data:function(){return{d_value:this.value}},watch:{value:function(e){this.d_value=e}},methods:{updateValue:function(e){this.d_value!==e&&(this.d_value=e,this.$emit(`update:value`,e))},isVertical:function(){return this.orientation===`vertical`}}};Q.render=function(e,t,n,r,i,a){return P(),_(`div`,N({class:e.cx(`root`)},e.ptmi(`root`)),[w(e.$slots,`default`)],16)};var Se={class:`panel`},Ce={class:`secret`},$=ee(E({__name:`ApiKeysPanel`,setup(t){let n=L([]),i=L(null),a=L(``),o=L(null),l=L(`responder`),d=L(!0);function p(e){return e instanceof D?e.explanation:String(e)}async function m(){try{n.value=(await A.keys()).items,i.value=null}catch(e){i.value=p(e)}}async function h(){try{o.value=await A.createKey(a.value.trim(),l.value,d.value?[`/alerts/webhook/`]:[]),a.value=``,await m()}catch(e){i.value=p(e)}}async function g(e){try{await A.revokeKey(e.id),await m()}catch(e){i.value=p(e)}}return b(m),(t,p)=>(P(),_(`div`,Se,[c(`form`,{class:`toolbar`,onSubmit:f(h,[`prevent`])},[p[4]||=c(`label`,{for:`key-name`},`New key named`,-1),e(z(ae),{id:`key-name`,modelValue:a.value,"onUpdate:modelValue":p[0]||=e=>a.value=e,placeholder:`alertmanager-prod`},null,8,[`modelValue`]),p[5]||=c(`label`,{for:`key-role`},`with the role`,-1),e(z(B),{modelValue:l.value,"onUpdate:modelValue":p[1]||=e=>l.value=e,"input-id":`key-role`,options:[...z(M)]},null,8,[`modelValue`,`options`]),e(z(re),{modelValue:d.value,"onUpdate:modelValue":p[2]||=e=>d.value=e,"input-id":`key-webhook`,binary:``},null,8,[`modelValue`]),p[6]||=c(`label`,{for:`key-webhook`},`webhooks only`,-1),e(z(v),{type:`submit`,label:`Create`,icon:`pi pi-plus`,disabled:!a.value.trim()},null,8,[`disabled`])],32),o.value?.key?(P(),F(z(ne),{key:0,severity:`warn`,closable:``,onClose:p[3]||=e=>o.value=null},{default:k(()=>[p[7]||=u(` Copy the key `,-1),c(`strong`,null,r(o.value.name),1),p[8]||=u(` now; it is not shown again: `,-1),c(`code`,Ce,r(o.value.key),1)]),_:1})):s(``,!0),e(U,{error:i.value},null,8,[`error`]),e(z(H),{value:n.value,"data-key":`id`,size:`small`},{empty:k(()=>[e(se,{icon:`pi pi-key`,title:`No API key`},{default:k(()=>[...p[9]||=[u(` Monitoring tools and scripts authenticate with one: create it above. `,-1)]]),_:1})]),default:k(()=>[e(z(V),{field:`name`,header:`Name`}),e(z(V),{header:`Prefix`},{body:k(({data:e})=>[c(`code`,null,r(e.prefix)+`…`,1)]),_:1}),e(z(V),{field:`role`,header:`Role`}),e(z(V),{header:`Limited to`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:k(({data:e})=>[u(r(e.allowed_endpoints.join(`, `)||`every route its role allows`),1)]),_:1}),e(z(V),{header:`Created`},{body:k(({data:t})=>[e(W,{value:t.created_at},null,8,[`value`])]),_:1}),e(z(V),{header:`Last used`},{body:k(({data:t})=>[e(W,{value:t.last_used_at},null,8,[`value`])]),_:1}),e(z(V),{header:``},{body:k(({data:e})=>[e.is_active?(P(),F(z(v),{key:0,label:`Revoke`,severity:`danger`,text:``,size:`small`,onClick:t=>g(e)},null,8,[`onClick`])):(P(),F(z(oe),{key:1,value:`revoked`,severity:`secondary`}))]),_:1})]),_:1},8,[`value`])]))}}),[[`__scopeId`,`data-v-d2399145`]]),we={class:`mono`},Te=E({__name:`AuditPanel`,setup(t){let n=L([]),i=L(null);return b(async()=>{try{n.value=(await A.audit({limit:200})).items}catch(e){i.value=e instanceof D?e.explanation:String(e)}}),(t,a)=>(P(),_(`div`,null,[e(U,{error:i.value},null,8,[`error`]),e(z(H),{value:n.value,"data-key":`id`,size:`small`},{default:k(()=>[e(z(V),{header:`When`},{body:k(({data:t})=>[e(W,{value:t.at},null,8,[`value`])]),_:1}),e(z(V),{header:`Who`},{body:k(({data:e})=>[u(r(e.username||e.actor),1)]),_:1}),e(z(V),{field:`event`,header:`What`}),e(z(V),{field:`ip`,header:`From`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),e(z(V),{header:`Detail`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:k(({data:e})=>[c(`span`,we,r(e.detail?JSON.stringify(e.detail):``),1)]),_:1})]),_:1},8,[`value`])]))}}),Ee=E({__name:`UsersPanel`,setup(t){let n=L([]),r=L(null);async function i(){try{n.value=(await A.users()).items,r.value=null}catch(e){r.value=e instanceof D?e.explanation:String(e)}}async function a(e,t){try{await A.updateUser(e.id,{role:t}),await i()}catch(e){r.value=e instanceof D?e.explanation:String(e)}}return b(i),(t,i)=>(P(),_(`div`,null,[e(U,{error:r.value},null,8,[`error`]),i[0]||=c(`p`,{class:`muted`},[u(`New people get an account from `),c(`code`,null,`vigil createsuperuser`),u(` or the Django admin; their role is set here.`)],-1),e(z(H),{value:n.value,"data-key":`id`,size:`small`},{default:k(()=>[e(z(V),{field:`username`,header:`User`}),e(z(V),{field:`email`,header:`Email`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),e(z(V),{header:`Role`},{body:k(({data:t})=>[e(z(B),{"model-value":t.role,options:[...z(M)],placeholder:`no role`,"aria-label":`Role of ${t.username}`,"onUpdate:modelValue":e=>a(t,e)},null,8,[`model-value`,`options`,`aria-label`,`onUpdate:modelValue`])]),_:1})]),_:1},8,[`value`])]))}}),De={class:`page`},Oe=E({__name:`AdminPage`,setup(t){return(t,n)=>(P(),_(`section`,De,[n[3]||=c(`h1`,{class:`page-title`},`Admin`,-1),e(z(Q),{value:`keys`,lazy:``},{default:k(()=>[e(z(Y),null,{default:k(()=>[e(z(K),{value:`keys`},{default:k(()=>[...n[0]||=[u(`API keys`,-1)]]),_:1}),e(z(K),{value:`users`},{default:k(()=>[...n[1]||=[u(`Users and roles`,-1)]]),_:1}),e(z(K),{value:`audit`},{default:k(()=>[...n[2]||=[u(`Audit log`,-1)]]),_:1})]),_:1}),e(z(Z),null,{default:k(()=>[e(z(X),{value:`keys`},{default:k(()=>[e($)]),_:1}),e(z(X),{value:`users`},{default:k(()=>[e(Ee)]),_:1}),e(z(X),{value:`audit`},{default:k(()=>[e(Te)]),_:1})]),_:1})]),_:1})]))}});export{Oe as default};